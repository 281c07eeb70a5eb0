"""Accessible form fields in NL Design System (Utrecht) markup.

`{% include "accounts/_field.html" with field=form.name %}` renders label, description, error
and input, tied together with aria-describedby; `{% field_widget field %}` renders only the
input with the right classes and aria attributes. Other apps may use these too.
"""

from django import forms, template

register = template.Library()

_CLASSES = {
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.CheckboxSelectMultiple: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.RadioSelect: "utrecht-radio-button utrecht-radio-button--html-input",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
}


def describedby(field) -> str:
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-help")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    return " ".join(ids)


@register.simple_tag
def field_widget(field):
    widget = field.field.widget
    css = "utrecht-textbox utrecht-textbox--html-input"
    for widget_class, classes in _CLASSES.items():
        if isinstance(widget, widget_class):
            css = classes
            break
    attrs = {"class": css}
    if field.errors:
        attrs["aria-invalid"] = "true"
        attrs["class"] += " utrecht-textbox--invalid" if "textbox" in css else ""
    ids = describedby(field)
    if ids:
        attrs["aria-describedby"] = ids
    return field.as_widget(attrs=attrs)


@register.filter
def field_kind(field) -> str:
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
        return "group"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if widget.is_hidden:
        return "hidden"
    return "text"
