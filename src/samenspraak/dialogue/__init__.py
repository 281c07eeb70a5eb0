"""Dialogue: comments on anything, reporting, house rules and moderation.

Contract for apps that want comments or moderation on their objects (e.g. consultation's Input)
-----------------------------------------------------------------------------------------------
1. Allow comments (a view rule in the app's manifest); without a rule nobody can comment:

       view_rules=(ViewRule("consultation.Input",
                            can_comment=lambda user, input: <may this user comment now?>),)

   The rule is only called for logged-in, active users. The target needs get_absolute_url():
   after posting, people go back there (with "#reactie-<pk>", or "#reageren" on an error).

2. Show the comment section on the target's page (list, form, log-in hint, report links):

       {% load dialogue %}
       {% comments input %}

   This renders "dialogue/_comments.html" (an h2 "N reacties", id="reacties") in 2 queries plus
   whatever the comment rule costs. A failed post (empty, > 2000 characters, not allowed) comes
   back on the target's page with the typed text and the message. Building the context yourself:
   `dialogue.selectors.comment_context(target, user, form) -> {"target", "comments", "can_comment",
   "comment_form"}` and `{% include "dialogue/_comments.html" %}`; `comments_for(target)` gives
   the comments (authors joined, `.hidden_rule` set).
   Services: `dialogue.services.comment_create(*, target, author, body) -> Comment` (raises
   PermissionDenied / ValidationError({"body": ...})), `comment_delete(*, comment, actor)`.
   URL: POST `dialogue:comment_create` content_type="app_label.model_name" object_id=<pk>
   (`{% comment_action_url target %}`); models without a comment rule give 404.

3. Make objects reportable and hideable by moderators (the same view rule):

       ViewRule(..., report_label=_("inbreng"), report_text=lambda i: f"{i.title}\n{i.body}")

   Report link: `{% report_url input %}` (page `dialogue:report`, anyone, rate-limited).
   The report page shows the object only to whom its own page shows it, so register the rule
   that page uses (without one the report page gives 404):

       ViewRule(..., can_view=consultation.permissions.can_view_input)

4. Replace hidden objects in lists, in ONE query for the whole list:

       from samenspraak.dialogue.selectors import hidden_rules_for
       rules = hidden_rules_for(inputs)          # {pk: HouseRule} of the hidden ones
       # search/listing: exclude or replace those with rules.get(obj.pk)
       {% include "dialogue/_hidden.html" with rule=rule %}
         -> "Verborgen door de moderator: breekt huisregel '<title>'"
   `{{ rules|get_item:input.pk }}` (from `{% load dialogue %}`) looks a rule up in a template.
   Moderator actions (`services.content_hide/keep/restore`) are audited; the latest decision
   per object counts.

Moderator pages: `dialogue:moderation_queue` (/beheer/moderatie/), `dialogue:house_rule_list`.
"""
