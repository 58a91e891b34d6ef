"""Recognising a draft act's structure from its text (pages.legal.draft_act): articles,
paragraphs and points by their Bulgarian numbering, the provisions after "§", chapter and
section headings, the preamble; and the article a citizen's free answer names."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data, streamfield

from forms_ext.models import CivicSubmission
from pages.legal.draft_act import Article, Heading, Text, anchor, article_key, parse, stream_data
from pages.models import ConsultationPage, ConsultationProposal
from tests.pages.test_content_page_types import edit_form_data
from tests.support import factories
from tests.support.forms import post_form

DRAFT = """ПРАВИЛНИК
за организацията и дейността на обществените съвети по кварталите на град Сливен

Глава първа
ОБЩИ РАЗПОРЕДБИ

Чл. 1. (1) С този правилник се уреждат създаването, организацията и дейността на
обществените съвети по кварталите на град Сливен.
(2) Обществените съвети са консултативни органи към Общинския съвет.

Чл. 2. Обществените съвети имат следните задачи:
1. обсъждат проекти на решения, които засягат квартала;
2. правят предложения по чл. 5, ал. 2 и
по чл. 7 от този правилник;
3. наблюдават изпълнението на решенията.

Глава втора
СЪСТАВ

Раздел I
Членове на съвета

Чл. 3
Състав
(1) Съветът се състои от 7 членове.

Преходни и заключителни разпоредби

§ 1. Правилникът се приема на основание чл. 21, ал. 2 от ЗМСМА.
§ 2. Правилникът влиза в сила от деня на обнародването му.
"""


def test_a_whole_draft_is_read_into_its_preamble_headings_articles_and_provisions():
    items = parse(DRAFT)

    assert items == [
        Text("ПРАВИЛНИК за организацията и дейността на обществените съвети по кварталите на град Сливен"),
        Heading("Глава първа. ОБЩИ РАЗПОРЕДБИ"),
        Article(
            "Чл. 1",
            paragraphs=[
                "(1) С този правилник се уреждат създаването, организацията и дейността на обществените съвети "
                "по кварталите на град Сливен.",
                "(2) Обществените съвети са консултативни органи към Общинския съвет.",
            ],
        ),
        Article(
            "Чл. 2",
            paragraphs=[
                "Обществените съвети имат следните задачи:\n"
                "1. обсъждат проекти на решения, които засягат квартала;\n"
                "2. правят предложения по чл. 5, ал. 2 и по чл. 7 от този правилник;\n"
                "3. наблюдават изпълнението на решенията."
            ],
        ),
        Heading("Глава втора. СЪСТАВ"),
        Heading("Раздел I. Членове на съвета"),
        Article("Чл. 3", title="Състав", paragraphs=["(1) Съветът се състои от 7 членове."]),
        Heading("Преходни и заключителни разпоредби"),
        Article("§ 1", paragraphs=["Правилникът се приема на основание чл. 21, ал. 2 от ЗМСМА."]),
        Article("§ 2", paragraphs=["Правилникът влиза в сила от деня на обнародването му."]),
    ]


def test_an_article_number_may_carry_a_letter():
    items = parse("Чл. 12. Текст.\nЧл. 12а. (1) Нов текст.\n(2) Още.\nЧл. 12б Последен текст.")

    assert [item.label for item in items] == ["Чл. 12", "Чл. 12а", "Чл. 12б"]
    assert items[1].paragraphs == ["(1) Нов текст.", "(2) Още."]
    assert [item.key for item in items] == ["чл:12", "чл:12а", "чл:12б"]
    assert anchor(items[1].key) == "chl-12a"


def test_line_breaks_inside_a_paragraph_are_joined_and_points_keep_theirs():
    items = parse(
        "Чл. 4. (1) Съветът заседава\nпоне веднъж на три\nмесеца.\n"
        "(2) Заседанието е редовно, ако:\n1. присъстват повече от половината\nчленове;\n2. има дневен ред."
    )

    assert items[0].paragraphs == [
        "(1) Съветът заседава поне веднъж на три месеца.",
        "(2) Заседанието е редовно, ако:\n1. присъстват повече от половината членове;\n2. има дневен ред.",
    ]


def test_numbering_inside_quotes_stays_text_of_the_article_that_quotes_it():
    items = parse(
        "Чл. 5. В Наредба № 1 се създава чл. 7а:\n"
        "„Чл. 7а. (1) Кметът утвърждава плана.\n"
        "(2) Планът се публикува.\n"
        "Чл. 7б. Текст, който също е в кавичките.“\n"
        "Чл. 6. Следващ член."
    )

    assert [item.label for item in items] == ["Чл. 5", "Чл. 6"]
    assert items[0].paragraphs == [
        "В Наредба № 1 се създава чл. 7а:\n„Чл. 7а. (1) Кметът утвърждава плана.\n(2) Планът се публикува.\n"
        "Чл. 7б. Текст, който също е в кавичките.“"
    ]


def test_a_reference_at_the_start_of_a_wrapped_line_is_not_an_article():
    items = parse(
        "Чл. 8. Предложенията се правят по реда на\nчл. 26 от Закона за нормативните актове и\nЧл. 9 от Закона."
    )

    assert len(items) == 1
    assert items[0].paragraphs == [
        "Предложенията се правят по реда на чл. 26 от Закона за нормативните актове и Чл. 9 от Закона."
    ]


def test_text_before_the_first_article_is_the_preamble():
    items = parse("Общинският съвет на основание чл. 21 от ЗМСМА\nприема:\n\nЧлен 1\nТекст на члена.")

    assert items == [
        Text("Общинският съвет на основание чл. 21 от ЗМСМА приема:"),
        Article("Чл. 1", paragraphs=["Текст на члена."]),
    ]


@pytest.mark.parametrize("text", ["", "   \n\n  ", None])
def test_empty_input_has_no_items(text):
    assert parse(text) == []
    assert stream_data(parse(text)) == []


def test_text_without_any_article_is_all_preamble():
    assert parse("Мотиви към проекта.\n\nВтори абзац.") == [Text("Мотиви към проекта.\n\nВтори абзац.")]


def test_the_english_translation_is_read_with_its_own_numbering():
    items = parse(
        "Chapter One\nGENERAL PROVISIONS\n\nArt. 1. (1) These Rules govern the councils.\n(2) The councils advise.\n"
        "Article 12a Text of the new article.\n\nTransitional and Final Provisions\n\n§ 1. These Rules enter into force."
    )

    assert items == [
        Heading("Chapter One. GENERAL PROVISIONS"),
        Article("Art. 1", paragraphs=["(1) These Rules govern the councils.", "(2) The councils advise."]),
        Article("Art. 12a", paragraphs=["Text of the new article."]),
        Heading("Transitional and Final Provisions"),
        Article("§ 1", paragraphs=["These Rules enter into force."]),
    ]
    # The same articles as the Bulgarian draft's, for counting and anchors.
    assert [item.key for item in items if isinstance(item, Article)] == ["чл:1", "чл:12а", "§:1"]


def test_unnumbered_paragraphs_are_separated_by_empty_lines():
    items = parse("Чл. 1. Първи абзац.\n\nВтори абзац, пренесен\nна нов ред.\nЧл. 2. Друг член.")

    assert items[0].paragraphs == ["Първи абзац.", "Втори абзац, пренесен на нов ред."]


def test_windows_line_endings_and_spacing_do_not_matter():
    items = parse("Чл.1.\r\n(1)  Текст\r\nна два реда.\r\n(2)\tОще.")

    assert items == [Article("Чл. 1", paragraphs=["(1) Текст на два реда.", "(2) Още."])]


def test_the_stream_data_is_what_the_page_stores():
    data = stream_data(parse("Глава I\n\nЧл. 1. Предмет\n(1) Текст.\n(2) Още."))

    assert data[0] == {"type": "heading", "value": "Глава I"}
    assert data[1]["type"] == "article"
    assert {key: data[1]["value"][key] for key in ("label", "title")} == {"label": "Чл. 1", "title": "Предмет"}
    paragraphs = data[1]["value"]["paragraphs"]
    assert [item["value"] for item in paragraphs] == ["(1) Текст.", "(2) Още."]
    assert len({item["id"] for item in paragraphs}) == 2  # each paragraph a block of its own


@pytest.mark.parametrize(
    ("answer", "key"),
    [
        ("чл. 5", "чл:5"),
        ("Чл. 5, ал. 2", "чл:5"),
        ("член 5", "чл:5"),
        ("чл.5 ал.2 т.3", "чл:5"),
        ("Art. 5(2)", "чл:5"),
        ("Article 12a", "чл:12а"),
        ("чл. 12а", "чл:12а"),
        ("ЧЛ. 12А", "чл:12а"),
        ("§ 3", "§:3"),
        ("§3, т. 1", "§:3"),
        ("5, ал. 2", "чл:5"),
        ("предложение по чл. 7", "чл:7"),
        ("общо предложение", None),
        ("", None),
        (None, None),
    ],
)
def test_the_article_a_free_answer_names(answer, key):
    assert article_key(answer) == key


def test_anchors_are_plain_ids():
    assert anchor("чл:5") == "chl-5"
    assert anchor("§:3") == "par-3"


# The draft on the consultation: the editor, the public page, the form, the counts ------
ARTICLE_FIELD = "tekst_ot_proekta_chlen_alineya"
FIELDS = [
    ("singleline", "Текст от проекта (член, алинея)", False),
    ("multiline", "Предложение", True),
    ("consent", "Съгласен съм", True),
]
SHORT_DRAFT = """Глава първа
ОБЩИ РАЗПОРЕДБИ

Чл. 1. (1) С този правилник се уреждат обществените съвети.
(2) Съветите са консултативни органи.
Чл. 2. Съветите имат следните задачи:
1. обсъждат проекти на решения;
2. правят предложения.

Преходни и заключителни разпоредби

§ 1. Правилникът влиза в сила от деня на приемането му.
"""


def article(label, *paragraphs, title=""):
    """A block of the draft as the editor posts it."""
    items = {str(n): {"value": text, "deleted": "", "order": str(n), "id": ""} for n, text in enumerate(paragraphs)}
    return ("article", {"label": label, "title": title, "paragraphs": {"count": len(paragraphs), **items}})


def draft_stream(text=SHORT_DRAFT):
    return stream_data(parse(text))


@pytest.fixture
def consultation(home):
    return factories.ConsultationPageFactory(
        parent=factories.ConsultationIndexPageFactory(parent=home),
        title="Правилник за обществените съвети",
        fields=FIELDS,
        draft_act=draft_stream(),
    )


@pytest.fixture
def blank_consultation(home):
    """A consultation without a form (so the editor's form tab posts nothing) or draft yet."""
    return factories.ConsultationPageFactory(parent=factories.ConsultationIndexPageFactory(parent=home), fields=[])


def edit(client, page, **changes):
    data = edit_form_data(page) | {"draft_act_text": "", "draft_act": streamfield([])}
    upload = changes.pop("draft_act_file", None)
    data |= changes
    posted = nested_form_data(data)
    if upload is not None:
        posted["draft_act_file"] = upload
    return client.post(f"/admin/pages/{page.pk}/edit/", posted)


def latest(page):
    return ConsultationPage.objects.get(pk=page.pk).get_latest_revision_as_object()


def labels(page):
    return [block.value["label"] for block in page.draft_act if block.block_type == "article"]


def send(page, article_answer, client=None):
    data = {ARTICLE_FIELD: article_answer, "predlozhenie": "Да се промени.", "saglasen_sam": "on"}
    response = post_form(client or Client(), page, data)
    assert response.status_code == 200, response.content.decode()[:2000]
    return response


def test_saving_a_pasted_draft_recognises_its_articles(blank_consultation, admin_client_logged_in):
    response = edit(admin_client_logged_in, blank_consultation, draft_act_text=SHORT_DRAFT)

    assert response.status_code == 302, response.content.decode()[:3000]
    draft = latest(blank_consultation)
    assert labels(draft) == ["Чл. 1", "Чл. 2", "§ 1"]
    assert [block.block_type for block in draft.draft_act] == ["heading", "article", "article", "heading", "article"]
    assert list(draft.draft_act[1].value["paragraphs"]) == [
        "(1) С този правилник се уреждат обществените съвети.",
        "(2) Съветите са консултативни органи.",
    ]


def test_articles_edited_by_hand_survive_a_save_and_are_replaced_only_when_asked(
    blank_consultation, admin_client_logged_in
):
    edited = streamfield([article("Чл. 1", "(1) Поправен от служителя текст.")])
    edit(admin_client_logged_in, blank_consultation, draft_act_text=SHORT_DRAFT, draft_act=edited)
    assert labels(latest(blank_consultation)) == ["Чл. 1"]
    assert list(latest(blank_consultation).draft_act[0].value["paragraphs"]) == ["(1) Поправен от служителя текст."]

    edit(
        admin_client_logged_in,
        blank_consultation,
        draft_act_text=SHORT_DRAFT,
        draft_act=edited,
        recognise_articles="on",
    )
    assert labels(latest(blank_consultation)) == ["Чл. 1", "Чл. 2", "§ 1"]


def test_an_uploaded_text_file_becomes_the_text_and_the_articles(blank_consultation, admin_client_logged_in):
    upload = SimpleUploadedFile("proekt.txt", "Чл. 1. Текст от файла.\nЧл. 2. Втори член.".encode("cp1251"))

    response = edit(admin_client_logged_in, blank_consultation, draft_act_file=upload)

    assert response.status_code == 302, response.content.decode()[:3000]
    draft = latest(blank_consultation)
    assert draft.draft_act_text == "Чл. 1. Текст от файла.\nЧл. 2. Втори член."
    assert labels(draft) == ["Чл. 1", "Чл. 2"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("proekt.pdf", b"%PDF-1.4 ...", "Качете проекта като файл .txt"),
        ("proekt.txt", b"\x00\x01\x02binary", "Файлът не е обикновен текст"),
        ("proekt.txt", "Мотиви без нито един член.".encode(), "Не е разпознат нито един член"),
    ],
)
def test_a_file_the_site_cannot_read_is_refused_and_nothing_changes(
    blank_consultation, admin_client_logged_in, name, content, message
):
    revisions = blank_consultation.revisions.count()

    response = edit(admin_client_logged_in, blank_consultation, draft_act_file=SimpleUploadedFile(name, content))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert blank_consultation.revisions.count() == revisions


def test_asking_to_recognise_a_text_without_articles_says_so(blank_consultation, admin_client_logged_in):
    response = edit(admin_client_logged_in, blank_consultation, draft_act_text="Само мотиви.", recognise_articles="on")

    assert response.status_code == 200
    assert "Не е разпознат нито един член" in response.content.decode()


def test_the_page_shows_the_draft_article_by_article_with_its_contents(consultation):
    html = Client().get(consultation.url).content.decode()

    assert '<h2 id="draft-act-title">Проектът по членове</h2>' in html
    assert 'aria-labelledby="draft-act-contents-title"' in html
    for anchor_id, text in (("chl-1", "Чл. 1"), ("chl-2", "Чл. 2"), ("par-1", "§ 1")):
        assert f'<a href="#{anchor_id}">{text}</a>' in html
        assert f'id="{anchor_id}"' in html
    assert '<h3 id="draft-part-0" class="draft-act-part mt-4">Глава първа. ОБЩИ РАЗПОРЕДБИ</h3>' in html
    assert '<h4 id="chl-1" class="h5">Чл. 1</h4>' in html
    assert "2. правят предложения." in html
    # Each "propose a change" link says which article it is about.
    assert (
        '<a class="propose-change" href="?article=%D0%A7%D0%BB.%201#civic-form-title">Предложете промяна на този '
        'член<span class="visually-hidden"> (Чл. 1)</span></a>'
    ) in html
    assert html.count('class="propose-change"') == 3
    assert html.count("0 предложения по този член") == 3


def test_propose_a_change_opens_the_form_with_the_article_chosen(consultation):
    citizen = Client()
    chosen = citizen.get(consultation.url, {"article": "чл. 2"}).content.decode()
    assert f'name="{ARTICLE_FIELD}" value="Чл. 2"' in chosen

    # The plain page, cached or not, never carries another visitor's choice.
    for _ in range(2):
        plain = citizen.get(consultation.url)
        assert f'name="{ARTICLE_FIELD}" value=' not in plain.content.decode()
    assert plain["X-Page-Cache"] == "hit"
    assert 'value="Чл. 2"' in citizen.get(consultation.url, {"article": "чл. 2"}).content.decode()


@pytest.mark.parametrize("value", ["чл. 99", "общо", "", "<script>alert(1)</script>", "чл. 1" + "x" * 300])
def test_an_article_the_draft_lacks_is_ignored(consultation, value):
    response = Client().get(consultation.url, {"article": value})

    html = response.content.decode()
    assert response.status_code == 200
    assert f'name="{ARTICLE_FIELD}" value=' not in html
    assert "<script>alert(1)</script>" not in html


def test_each_proposal_counts_on_its_article_and_the_cached_page_shows_it_at_once(consultation):
    citizen = Client()
    for _ in range(2):
        response = citizen.get(consultation.url)
    assert response["X-Page-Cache"] == "hit"

    send(consultation, "чл. 2, ал. 1")
    html = citizen.get(consultation.url).content.decode()
    assert html.count("1 предложение по този член") == 1
    assert html.count("0 предложения по този член") == 2

    send(consultation, "Чл. 2")
    send(consultation, "§ 1")
    send(consultation, "общо предложение")
    html = citizen.get(consultation.url).content.decode()
    assert "2 предложения по този член" in html and "1 предложение по този член" in html
    assert '<span class="badge text-bg-secondary">2 предложения</span>' in html

    # An officer deleting a submission: the count follows.
    CivicSubmission.objects.filter(page=consultation, form_data__contains={ARTICLE_FIELD: "§ 1"}).delete()
    assert "1 предложение по този член" not in citizen.get(consultation.url).content.decode()


def test_the_form_statistics_count_the_proposals_per_article_in_the_drafts_order(consultation, admin_client_logged_in):
    for answer in ("чл. 2, ал. 1", "Чл. 2", "§ 1", "общо предложение"):
        send(consultation, answer)
    html = admin_client_logged_in.get(f"/admin/forms-ext/statistics/{consultation.pk}/").content.decode()
    table = html[html.index("Предложения по членове на проекта") :]
    table = table[: table.index("</table>")]
    rows = table.split('<tr class="form-stats-answer">')[1:]
    labels = [row.split("</th>")[0].rsplit(">", 1)[-1] for row in rows]
    counts = [row.split("<td>")[1].split("</td>")[0] for row in rows]
    assert labels == ["Чл. 1", "Чл. 2", "§ 1"] and counts == ["0", "2", "1"]
    assert '<th scope="row">Без отговор</th><td>1</td>' in table  # the general proposal names no article


def test_suspected_spam_held_aside_is_not_counted(consultation):
    post_form(
        Client(),
        consultation,
        {ARTICLE_FIELD: "чл. 1", "predlozhenie": "Спам", "saglasen_sam": "on", "website": "http://spam.example"},
    )
    assert "1 предложение по този член" not in Client().get(consultation.url).content.decode()


def test_a_closed_consultation_shows_the_counts_without_links(consultation):
    send(consultation, "чл. 1")
    ConsultationPage.objects.filter(pk=consultation.pk).update(
        opens_at=timezone.now() - datetime.timedelta(days=40), closes_at=timezone.now() - datetime.timedelta(days=1)
    )

    html = Client().get(consultation.url).content.decode()
    assert "1 предложение по този член" in html
    assert "propose-change" not in html


def test_a_page_without_a_draft_shows_none(blank_consultation):
    html = Client().get(blank_consultation.url).content.decode()
    assert "draft-act" not in html


def test_the_report_follows_the_order_of_the_draft(consultation):
    page = ConsultationPage.objects.get(pk=consultation.pk)
    for article_label in ("§ 1", "", "чл. 2", "чл. 9", "чл. 1, ал. 2"):
        ConsultationProposal.objects.create(
            page=page, article=article_label, summary="Предложение", decision="accepted", reasons="Прието."
        )
    page = ConsultationPage.objects.get(pk=consultation.pk)
    assert [article for article, _rows in page.outcome_report] == ["чл. 1, ал. 2", "чл. 2", "§ 1", "чл. 9", ""]


ENGLISH = {
    "Глава първа. ОБЩИ РАЗПОРЕДБИ": "Chapter One. GENERAL PROVISIONS",
    "Чл. 1": "Art. 1",
    "Чл. 2": "Art. 2",
    "(1) С този правилник се уреждат обществените съвети.": "(1) These Rules govern the public councils.",
    "(2) Съветите са консултативни органи.": "(2) The councils are advisory bodies.",
    "Преходни и заключителни разпоредби": "Transitional and Final Provisions",
    "§ 1": "§ 1",
    "Правилникът влиза в сила от деня на приемането му.": "These Rules enter into force on the day of adoption.",
}


def translated_through_wagtail_localize(page):
    """The English page as a translator publishes it in wagtail-localize: the draft's
    strings in English, every other string as it is."""
    from wagtail_localize.models import StringSegment, TranslationSource

    from sliven_site.demo.translation import publish_translation

    factories.translate(page.get_parent().specific)
    source, _created = TranslationSource.get_or_create_from_instance(page)
    strings = {segment.string.data for segment in StringSegment.objects.filter(source=source).select_related("string")}
    return strings, publish_translation(page, {text: ENGLISH.get(text, text) for text in strings})


def test_translators_translate_each_article_and_the_english_page_shows_art_labels(consultation):
    strings, _english = translated_through_wagtail_localize(ConsultationPage.objects.get(pk=consultation.pk))
    # Each label, heading and paragraph is a segment of its own; the pasted text is not translated.
    assert {"Чл. 1", "Чл. 2", "§ 1", "Глава първа. ОБЩИ РАЗПОРЕДБИ", "(2) Съветите са консултативни органи."} <= strings
    assert not any("Чл. 1. (1)" in text for text in strings)

    english = ConsultationPage.objects.get(translation_key=consultation.translation_key, locale__language_code="en")
    html = Client().get(english.url).content.decode()
    assert '<h2 id="draft-act-title">The draft, article by article</h2>' in html
    assert '<h4 id="chl-1" class="h5">Art. 1</h4>' in html and '<a href="#chl-2">Art. 2</a>' in html
    assert "(2) The councils are advisory bodies." in html
    assert (
        '<a class="propose-change" href="?article=Art.%201#civic-form-title">Propose a change to this article'
        '<span class="visually-hidden"> (Art. 1)</span></a>'
    ) in html

    # A proposal sent in English counts on the article in both languages.
    citizen = Client()
    assert 'value="Art. 2"' in citizen.get(english.url, {"article": "Art. 2"}).content.decode()
    send(english, "Art. 2", client=citizen)
    assert "1 proposal on this article" in Client().get(english.url).content.decode()
    assert "1 предложение по този член" in Client().get(consultation.url).content.decode()


def test_the_demo_consultation_has_its_draft_by_articles_in_both_languages(site):
    bulgarian = ConsultationPage.objects.get(slug="pravilnik-obshtestveni-saveti-kvartali", locale__language_code="bg")
    english = ConsultationPage.objects.get(translation_key=bulgarian.translation_key, locale__language_code="en")

    assert labels(bulgarian) == ["Чл. 1", "Чл. 2", "Чл. 3", "Чл. 4", "Чл. 5", "§ 1", "§ 2"]
    assert labels(english) == ["Art. 1", "Art. 2", "Art. 3", "Art. 4", "Art. 5", "§ 1", "§ 2"]
    html = Client().get(english.url).content.decode()
    assert "(1) A public council meets at least once every six months." in html
    assert "1 proposal on this article" in html  # the demo's proposal on чл. 4, sent in Bulgarian
