"""core.richtext: the Markdown subset staff write, rendered safely; plain text keeps its shape."""

import re

import pytest
from django.template import Context, Template

from samenspraak.core.richtext import plain_text, render_markdown


def test_the_subset_paragraphs_bold_italic_lists_links_headings():
    html = render_markdown(
        "## Wat gaan we doen\n\nEerst **bouwen**, dan *planten*.\n\n"
        "- bomen\n- banken\n\n1. ontwerp\n2. uitvoering\n\n"
        "### Meer weten\n\nLees [het plan](https://voorbeeldstad.nl/plan)."
    )
    assert "<h2>Wat gaan we doen</h2>" in html
    assert "<p>Eerst <strong>bouwen</strong>, dan <em>planten</em>.</p>" in html
    assert "<ul>\n<li>bomen</li>\n<li>banken</li>\n</ul>" in html
    assert "<ol>\n<li>ontwerp</li>\n<li>uitvoering</li>\n</ol>" in html
    assert "<h3>Meer weten</h3>" in html
    assert (
        '<a href="https://voorbeeldstad.nl/plan" rel="noopener nofollow ugc">het plan</a>' in html
    )


def test_headings_stay_below_the_page_title():
    assert render_markdown("# Groot") == "<h2>Groot</h2>\n"
    assert render_markdown("#### Klein") == "<h3>Klein</h3>\n"
    assert render_markdown("## Kop\n\n### Sub", top=3) == "<h3>Kop</h3>\n<h4>Sub</h4>\n"


def test_plain_text_written_before_keeps_its_paragraphs_and_line_breaks():
    html = render_markdown("Beste bewoner,\n\nDank voor uw idee.\nWe kijken ernaar.")
    assert html == "<p>Beste bewoner,</p>\n<p>Dank voor uw idee.<br>\nWe kijken ernaar.</p>\n"


def test_simple_html_from_before_still_shows():
    assert render_markdown("<p>Oude <strong>tekst</strong></p>") == (
        "<p>Oude <strong>tekst</strong></p>"
    )


@pytest.mark.parametrize(
    "attack",
    [
        "[klik](javascript:alert(1))",
        "[klik](JaVaScRiPt:alert(1))",
        "[klik](  javascript:alert(1))",
        '<a href="javascript:alert(1)">klik</a>',
        '<a href="&#106;avascript:alert(1)">klik</a>',
        "[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[klik](vbscript:msgbox(1))",
    ],
)
def test_links_to_scripts_never_become_links(attack):
    html = render_markdown(attack)
    hrefs = re.findall(r"href\s*=\s*[\"']?([^\"' >]*)", html, flags=re.IGNORECASE)
    assert all(href.startswith(("https:", "http:", "mailto:")) for href in hrefs), hrefs
    assert "klik" in html  # the text itself stays


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert(1)</script>",
        "Tekst <script>alert(1)</script> meer",
        "<img src=x onerror=alert(1)>",
        "![foto](https://example.org/a.png)",
        '![foto](https://example.org/a.png "titel")',
        "<iframe src=https://example.org></iframe>",
        "<style>body{display:none}</style>",
        '<p onclick="alert(1)" style="color:red">tekst</p>',
        "<svg onload=alert(1)>",
        "<object data=x></object><embed src=x>",
        "<form action=https://example.org><input name=x></form>",
    ],
)
def test_raw_html_and_images_are_reduced_to_the_allow_list(attack):
    html = render_markdown(attack).lower()
    for bad in ("<script", "<img", "<iframe", "<style", "onclick", "onerror", "onload", "<svg"):
        assert bad not in html
    for bad in ("<object", "<embed", "<form", "<input", "style=", "alert(1)</"):
        assert bad not in html


def test_empty_and_plain_text_for_mail():
    assert render_markdown(None) == ""
    assert render_markdown("") == ""
    assert plain_text("Eerst **bouwen**\n\n- bomen") == "Eerst bouwen\n\nbomen"


def test_the_template_filters_use_the_same_rendering():
    template = Template("{% load samenspraak %}{{ text|richtext }}|{{ text|richtext:3 }}")
    text = "## Kop\n\n**vet** <script>x</script>"
    assert template.render(Context({"text": text})) == (
        f"{render_markdown(text)}|{render_markdown(text, top=3)}"
    )
