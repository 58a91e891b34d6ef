"""The English translation of the demo content, as the site's translators would publish
it: each dict maps a Bulgarian source string (from `data`) to its English text, or (for
content pages) has the shape of its Bulgarian values in `data` and `_pair` maps them;
form fields share one dictionary, FORM_FIELDS. `translations(builder)` pairs the texts
with the objects the builder made; add a pair here for each new demo page or snippet
(see `sliven_site.demo.translation.publish_translation`)."""

import re

from wagtail_localize.strings import StringValue

from sliven_site.demo import data

PROGRAMME = "Operational Programme “Good Governance”"
FUND = "European Social Fund"
FUNDING_STATEMENT = (
    "The project is implemented with the financial support of Operational Programme “Good Governance”, "
    "co-financed by the European Union through the European Social Fund."
)
SITE_TITLE = "Partners for the Development of Sliven Municipality"
RCIR_NAME = "Regional Centre for Economic Development Foundation, Sliven"

ORGANISATIONS = {
    "rcir": {
        data.ORGANISATIONS["rcir"]["name"]: RCIR_NAME,
        data.ORGANISATIONS["rcir"]["short_name"]: "RCED Sliven",
        data.ORGANISATIONS["rcir"]["address"]: "Sliven",
    },
    "municipality": {
        data.ORGANISATIONS["municipality"]["name"]: "Sliven Municipality",
        data.ORGANISATIONS["municipality"]["address"]: "1 Tsar Osvoboditel Blvd, Sliven",
    },
}

EU_FUNDING_NOTICE = {
    "Европейски съюз": "European Union",
    data.FUND: FUND,
    data.PROGRAMME: PROGRAMME,
    data.FUNDING_STATEMENT: FUNDING_STATEMENT,
}

SITE_CONTACT = {
    data.SITE_CONTACT["site_name"]: SITE_TITLE,
    data.SITE_CONTACT["organisation"]: RCIR_NAME,
    data.SITE_CONTACT["address"]: "Sliven",
}

HOME = {
    data.HOME["title"]: SITE_TITLE,
    data.HOME["slug"]: "home",
    data.HOME["intro"]: (
        "Citizens taking part in the work of Sliven Municipality: public discussions, consultations, "
        "good European practices and civic monitoring."
    ),
}

PROJECT = {
    data.PROJECT["title"]: SITE_TITLE,
    data.PROJECT["slug"]: "project",
    data.PROJECT["summary"]: (
        "The project increased civic participation in the work of Sliven Municipality and made it more "
        "transparent through surveys, public discussions, civic monitoring and the transfer of good "
        "European practices."
    ),
    data.PROGRAMME: PROGRAMME,
    data.PROJECT["procedure"]: data.PROJECT["procedure"],
    data.FUND: FUND,
    data.PROJECT["cofinancing_statement"]: (
        "The project is funded by Operational Programme “Good Governance”, co-financed by the European "
        "Union through the European Social Fund."
    ),
    data.PROJECT["main_aim"]: (
        "To increase civic participation in the work of Sliven Municipality and to improve its transparency."
    ),
    **dict(
        zip(
            data.PROJECT["objectives"],
            [
                "Better monitoring and evaluation of the policies pursued by Sliven Municipality.",
                "Opportunities for civil society to take a greater part in governance.",
                "Transfer of good practices in civic participation from EU Member States.",
                "An innovative mechanism for feedback from the citizens of Sliven Municipality.",
                "Greater capacity of the partner organisations to carry out local and regional development projects.",
            ],
            strict=True,
        )
    ),
    **dict(
        zip(
            data.PROJECT["target_groups"],
            ["Staff of Sliven Municipality", "Non-governmental organisations", "Business organisations", "Citizens"],
            strict=True,
        )
    ),
    **dict(
        zip(
            data.PROJECT["strategic_aims"],
            [
                "Strategic aim 2 of OP “Good Governance”: “Partnership governance with citizens and business”",
                "Strategic aim 3 of OP “Good Governance”: “Open and accountable governance”",
            ],
            strict=True,
        )
    ),
    **dict(
        zip(
            data.PROJECT["results"],
            [
                "The activities brought the administration and civil society closer together. They included "
                "surveys, analyses and recommendations on the work of the municipal administration; good "
                "European practices; a model for better civic participation in drafting and carrying out "
                "policies; civic monitoring of the administration's actions; public discussions on topics, "
                "initiatives and documents of public importance to the municipality; and a broad information "
                "campaign to spread the results.",
                "Four public discussions, a one-day round table and a closing conference were held, attended "
                "by more than 125 people. Analytical reports with specific recommendations for improving the "
                "work of the municipal administration were prepared.",
            ],
            strict=True,
        )
    ),
    # The project's indicators (data.INDICATORS).
    "Проведени обществени обсъждания, кръгли маси и конференции": "Public discussions, round tables and conferences held",
    "Участници в проведените събития": "Participants in the events held",
    "Обществени консултации": "Public consultations",
    "Аналитични доклади с препоръки": "Analytical reports with recommendations",
    "събития": "events",
    "души": "people",
    "консултации": "consultations",
    "доклади": "reports",
}

TOPIC_NAMES = {
    "gradska-sreda": ("Urban environment", "urban-environment"),
    "chitalishta": ("Community cultural centres", "community-centres"),
    "npo": ("Non-governmental organisations", "ngos"),
    "biznes": ("Business and economy", "business"),
    "grazhdansko-uchastie": ("Civic participation", "civic-participation"),
    "prozrachnost": ("Transparency and accountability", "transparency"),
}

TOPICS = {slug: {data.TOPICS[slug]: name, slug: english_slug} for slug, (name, english_slug) in TOPIC_NAMES.items()}

INDEX_TEXTS = {
    "consultations": (
        "Public consultations",
        "consultations",
        "Draft regulations and documents of Sliven Municipality open for proposals and opinions under "
        "Art. 26 of the Normative Acts Act, and the reports on the proposals taken into account.",
    ),
    "events": ("Events", "events", "Public discussions, round tables and conferences. Everyone is welcome to attend."),
    "best_practices": (
        "Good European practices",
        "best-practices",
        "Civic participation practices from EU Member States studied by the project, with an assessment "
        "of how far they can be applied in Sliven.",
    ),
    "news": ("News and reports", "news", "News from the information campaign and the project's analytical reports."),
}


def _index(key):
    title, slug, intro = INDEX_TEXTS[key]
    bg_intro = data.INDEXES[key]["intro"]
    return {
        data.INDEXES[key]["title"]: title,
        data.INDEXES[key]["slug"]: slug,
        bg_intro: f"<p>{intro}</p>",
        bg_intro.removeprefix("<p>").removesuffix("</p>"): intro,
    }


INDEXES = {key: _index(key) for key in INDEX_TEXTS}


# Content pages --------------------------------------------------------------------------
# Written in the shape of their Bulgarian values in `data` (same keys, lists in the same
# order) and paired with them by `_pair`, so a reviewer reads the two side by side.
_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)


def _pair(bulgarian, english):
    """{Bulgarian source string: English} for two values of the same shape: strings, or
    dicts, lists and tuples of them. A dict in `english` names only the keys that hold
    language (dates and codes are synchronised, not translated). Rich text reaches
    translators paragraph by paragraph, so `<p>` strings are paired paragraph by paragraph."""
    if isinstance(english, str):
        if bulgarian.startswith("<p>"):
            return dict(zip(_PARAGRAPH.findall(bulgarian), _PARAGRAPH.findall(english), strict=True))
        return {bulgarian: english} if bulgarian else {}
    if isinstance(english, dict):
        pairs = [(bulgarian[key], value) for key, value in english.items()]
    else:
        pairs = zip(bulgarian, english, strict=True)
    return {source: text for bg, en in pairs for source, text in _pair(bg, en).items()}


VENUE = {"venue_name": "Sliven Municipality Conference Hall", "venue_address": "1 Tsar Osvoboditel Blvd, Sliven"}

# The events, by their Bulgarian slug; agenda rows are (time, title, speaker) as in `data`.
EVENTS = {
    "obshtestveno-obsazhdane-gradska-sreda": {
        "title": "Public discussion “Improving the urban environment: results and challenges”",
        "slug": "public-discussion-urban-environment",
        "summary": "What has been achieved in Sliven's urban environment and the challenges it faces: a discussion "
        "with citizens, non-governmental organisations and the municipal administration.",
    },
    "obshtestveno-obsazhdane-chitalishtata": {
        "title": "Public discussion “Community cultural centres: taking part in civic governance in the town's "
        "neighbourhoods and in small settlements”",
        "slug": "public-discussion-community-centres",
        "summary": "How the community cultural centres in the neighbourhoods and in small settlements can become a "
        "place where citizens take part in governing the municipality.",
    },
    "obshtestveno-obsazhdane-npo": {
        "title": "Public discussion “Partnership and cooperation between non-governmental organisations and Sliven "
        "Municipality”",
        "slug": "public-discussion-ngos",
        "summary": "Forms of partnership between non-governmental organisations and Sliven Municipality: advisory "
        "councils, joint projects and public procurement of social services.",
    },
    "obshtestveno-obsazhdane-biznes": {
        "title": "Public discussion “Partnership and cooperation between business and Sliven Municipality”",
        "slug": "public-discussion-business",
        "summary": "How business and the municipality can work together for local development: administrative "
        "services, investment and employment.",
    },
    "kragla-masa": {
        "title": "One-day round table on civic participation in Sliven Municipality",
        "slug": "round-table",
        "summary": "Representatives of the administration, non-governmental organisations and business discuss the "
        "model for civic participation and the recommendations of the analytical reports.",
    },
    "zaklyuchitelna-konferentsiya": {
        "title": f"Closing conference of the project “{SITE_TITLE}”",
        "slug": "closing-conference",
        "summary": "The project's results: surveys, analytical reports, good European practices, civic monitoring "
        "and the feedback mechanism for citizens.",
        "agenda": [
            ("10:00", "Opening and presentation of the project", "RCED Sliven"),
            ("10:30", "Findings of the surveys and the analytical reports", ""),
            ("11:30", "Good European practices in civic participation", ""),
            ("13:00", "Civic monitoring and the feedback mechanism", "Sliven Municipality"),
            ("14:30", "Discussion and close", ""),
        ],
    },
    data.UPCOMING_EVENT["slug"]: {
        "title": "Round table “Neighbourhood public councils: how to make them work”",
        "slug": "round-table-public-councils",
        "summary": "Representatives of the community cultural centres, non-governmental organisations and the "
        "municipal administration discuss the draft rules on neighbourhood public councils. Places are "
        "limited.",
        "agenda": [
            ("17:30", "Opening and presentation of the draft rules", "Strategic Development Directorate"),
            ("17:50", "Discussion: who takes part in the councils and how they are chosen", ""),
            ("19:00", "Summing up the proposals", ""),
        ],
        "privacy_notice": (
            f"The controller of your personal data is the {RCIR_NAME}. We use your name and email address only "
            "for your registration, to remind you before the round table and to report attendance to the "
            "programme. We keep them until the project ends. You can ask for a copy of your data, or for its "
            "deletion, at info@example.org."
        ),
    },
}

OPEN_CONSULTATION = {
    "title": "Draft Rules on Neighbourhood Public Councils in the Town of Sliven",
    "slug": "draft-rules-neighbourhood-public-councils",
    "summary": "The draft provides for setting up and running public councils in the neighbourhoods and in small "
    "settlements, through which residents give their views on the municipality's decisions that affect "
    "them.",
    "body": f"<p>The public councils are one of the results of the project “{SITE_TITLE}”. We look forward to your "
    "proposals and opinions on the draft rules.</p>",
    "contact": "Strategic Development Directorate, Sliven Municipality, info@example.org",
}

# data.OPEN_CONSULTATION_DRAFT in English, article for article (draft_act_pairs pairs them).
OPEN_CONSULTATION_DRAFT = """RULES
on the organisation and work of the neighbourhood public councils in the town of Sliven

Chapter One
GENERAL PROVISIONS

Art. 1. (1) These Rules govern the setting up, organisation and work of the public councils in the
neighbourhoods of the town of Sliven and in the small settlements of the municipality.
(2) The public councils are advisory bodies through which residents give their views on the municipality's
decisions that affect them.

Art. 2. The public councils shall:
1. discuss the draft decisions of the Municipal Council that affect the neighbourhood or settlement;
2. make proposals for investment and maintenance in the neighbourhood;
3. follow the implementation of the decisions and report on it to the residents.

Chapter Two
MEMBERSHIP AND WORK

Art. 3. (1) A public council has 5 to 11 members, elected by the general meeting of the residents of the neighbourhood.
(2) Members are elected for a term of two years.

Art. 4. (1) A public council meets at least once every six months.
(2) Meetings are open; the invitation and the agenda are published on the municipality's website seven days in advance.

Art. 5. The municipality provides a hall for the meetings and publishes their minutes within 14 days.

Transitional and Final Provisions

§ 1. These Rules are adopted under Art. 21(2) of the Local Self-Government and Local Administration Act.
§ 2. The first general meetings are held within three months of the entry into force of these Rules.
"""


def draft_act_pairs(bulgarian, english):
    """{Bulgarian segment: English} for a draft and its translation, item by item (each
    article's number, title and paragraphs, each heading and text)."""
    from pages.legal.draft_act import parse, stream_data

    pairs = {}
    for source, target in zip(stream_data(parse(bulgarian)), stream_data(parse(english)), strict=True):
        assert source["type"] == target["type"], (source, target)
        if source["type"] == "article":
            texts = [(source["value"]["label"], target["value"]["label"])]
            texts += [(source["value"]["title"], target["value"]["title"])]
            paragraphs = zip(source["value"]["paragraphs"], target["value"]["paragraphs"], strict=True)
            texts += [(bg["value"], en["value"]) for bg, en in paragraphs]
        else:
            texts = [(source["value"], target["value"])]
        pairs |= {_plain(bg): _plain(en) for bg, en in texts if bg}
    return pairs


CONSULTATION_FORM = {
    "privacy_notice": (
        "The controller of your personal data is Sliven Municipality. Proposals are used to prepare the report under "
        "Art. 26(5) of the Normative Acts Act; we publish only the text you choose to have published and the name "
        "you give. We keep what you send for one year. You can ask for a copy of your data, or for its deletion, "
        "at info@example.org."
    ),
}

# Its proposals (ConsultationProposal rows) are synchronised, not translated: the model
# has no TranslatableMixin, so they appear in Bulgarian on the English page.
CONCLUDED_CONSULTATION = {
    "title": "Draft Programme for the Development of Community Cultural Centre Activities in Sliven Municipality "
    "for 2021",
    "slug": "community-centres-programme-2021",
    "summary": "The annual programme for the development of community cultural centre activities: priorities, "
    "activities and funding of the centres in the town and in the villages of the municipality.",
    "body": "<p>The programme is adopted every year under Art. 26a of the Community Cultural Centres Act.</p>",
    "contact": "Culture Directorate, Sliven Municipality",
    "outcome_summary": "<p>We added an activity for community cultural centres to take part in the neighbourhood "
    "public discussions, and extended the deadline for applying with initiatives to 31 March.</p>",
}

BEST_PRACTICES = {
    "partitsipatoren-byudzhet-lisabon": {
        "title": "Lisbon's participatory budget",
        "slug": "lisbon-participatory-budget",
        "city": "Lisbon",
        "organisation_name": "Lisbon City Council (Câmara Municipal de Lisboa)",
        "summary": "Since 2008, Lisbon residents have been proposing, and voting to choose, projects that the "
        "municipality funds from part of its investment budget.",
        "problem": "<p>Low trust in the municipal authorities and little involvement of residents in decisions on "
        "investment in their neighbourhoods.</p>",
        "solution": "<p>Every year residents submit proposals online and at meetings, the municipality checks whether "
        "they are feasible and citizens vote; the winning projects go into the budget.</p>",
        "results": "<p>Thousands of proposals and tens of thousands of voters every year; the projects can be seen in "
        "the neighbourhoods.</p>",
        "transferability": "<p>Applicable in Sliven on a smaller scale: a pilot budget for the neighbourhoods and "
        "villages, with the public councils as the place where proposals are made.</p>",
    },
    "byudzhet-tartu": {
        "title": "Public participation in the Tartu city budget",
        "slug": "tartu-budget",
        "city": "Tartu",
        "organisation_name": "City of Tartu",
        "summary": "Since 2013, the city of Tartu has let its residents decide how part of its investment budget "
        "is spent.",
        "problem": "<p>Decisions on small investments in the city were taken without asking residents.</p>",
        "solution": "<p>Ideas are collected online and discussed at public meetings, and residents over 14 vote with "
        "their electronic identity card.</p>",
        "results": "<p>Participation grows every year; playgrounds, street lighting and public spaces have been "
        "delivered.</p>",
        "transferability": "<p>Electronic voting cannot be applied directly; voting at the community cultural centres "
        "and online with confirmation by email is a possible alternative.</p>",
    },
    "grazhdanski-paneli-gdansk": {
        "title": "Citizens' panels in Gdańsk",
        "slug": "gdansk-citizens-panels",
        "city": "Gdańsk",
        "organisation_name": "City of Gdańsk",
        "summary": "Randomly selected residents, representative of the city, hear experts and take decisions that "
        "the mayor undertakes to carry out.",
        "problem": "<p>After the floods of 2016, the city had to settle contested questions of flood protection "
        "while keeping the trust of its residents.</p>",
        "solution": "<p>About 60 residents chosen by lot meet over several days, hear experts and stakeholders, and "
        "vote on recommendations; those adopted by a majority of 80% are binding.</p>",
        "results": "<p>Several panels have been held, on flooding, air quality and civic participation.</p>",
        "transferability": "<p>Suited to one major contested issue a year; it needs a clear commitment from the mayor "
        "to carry out the recommendations, and an independent moderator.</p>",
    },
    "decide-madrid": {
        "title": "The “Decide Madrid” platform",
        "slug": "decide-madrid",
        "city": "Madrid",
        "organisation_name": "Madrid City Council (Ayuntamiento de Madrid)",
        "summary": "An open-source platform (CONSUL Democracy) on which residents put forward, discuss and vote on "
        "proposals, budgets and draft regulations.",
        "problem": "<p>Consultations were fragmented, hard to find and gave no feedback.</p>",
        "solution": "<p>A single platform for citizens' proposals, participatory budgeting and discussion of draft "
        "regulations, where anyone can follow what came of them.</p>",
        "results": "<p>The platform is used by more than 100 institutions in 35 countries.</p>",
        "transferability": "<p>The code is open source; Sliven can adopt the “proposal – discussion – response” "
        "process even without the platform itself, as this site does.</p>",
    },
}

REPORT = {
    "title": "Analytical report: civic participation in the work of Sliven Municipality",
    "slug": "analytical-report-civic-participation",
    "summary": "The report brings together the project's surveys and public discussions and proposes specific "
    "measures to improve how the municipal administration works with citizens.",
    "body": "<p>The survey shows that citizens want to be asked before decisions are taken, not afterwards, and to be "
    "told what has become of their proposals.</p>",
}

# The report's recommendations in the order of `data`: only what holds language.
RECOMMENDATIONS = [
    {
        "text": "Every public consultation should end with a published report on the proposals taken into account, "
        "with the reasons.",
        "responsible_unit": "Sliven Municipality, municipal administration",
        "updates": [
            "The administration approved a template for the report on the proposals taken into account.",
            "The reports are published on the page of every closed consultation.",
        ],
    },
    {
        "text": "Public councils should be set up in the neighbourhoods and in small settlements.",
        "responsible_unit": "Sliven Municipal Council",
        "updates": [
            "The Municipal Council adopted rules for the public councils.",
            "Public councils have been set up in three neighbourhoods and two villages.",
        ],
    },
    {
        "text": "A pilot participatory budget should be introduced for the neighbourhoods.",
        "responsible_unit": "Mayor of Sliven Municipality",
        "status_reason": "The municipality's 2021 budget has no funds for a participatory budget. The proposal will "
        "be considered again when the next budget is prepared.",
        "updates": ["The proposal was discussed at the public hearing on the 2021 budget."],
    },
    {
        "text": "Staff who run consultations should receive annual training in working with citizens.",
        "responsible_unit": "Sliven Municipality, Human Resources Directorate",
        "updates": ["25 members of staff have been trained."],
    },
    {
        "text": "Reports from civic monitoring should be answered within 14 days.",
        "responsible_unit": "Sliven Municipality, municipal administration",
        "status_reason": "Accepted by order of the Mayor; the time limit is being written into the internal rules.",
        "updates": [],
    },
]


def recommendation_texts(index):
    """The English texts of the demo report's recommendation number `index` (from 0)."""
    source, english = data.REPORT["recommendations"][index], RECOMMENDATIONS[index]
    texts = _pair(
        {key: source[key] for key in ("text", "responsible_unit", "status_reason")},
        {key: value for key, value in english.items() if key != "updates"},
    )
    texts |= _pair([text for _date, text in source["updates"]], english["updates"])
    return texts


TRACKER = {
    "title": "Recommendations tracker",
    "slug": "recommendations",
    "intro": "<p>What has become of each recommendation of the project's analytical reports: who is responsible for "
    "it, how far it has got and what has been done.</p>",
}

NEWS = {
    "title": f"Information campaign presents the results of the project “{SITE_TITLE}”",
    "slug": "information-campaign",
    "summary": "RCED Sliven and Sliven Municipality ran a broad information campaign to spread the results achieved "
    "by the project.",
    "body": f"<p>As part of project BG05SFOP001-2.025-0025-C01 “{SITE_TITLE}”, funded by {PROGRAMME} and co-financed "
    "by the European Union through the European Social Fund, RCED Sliven and Sliven Municipality ran a broad "
    "information campaign to spread the results achieved.</p>"
    "<p>The project organised four public discussions, a one-day round table and a closing conference. The "
    "events were attended by more than 125 people, and analytical reports were prepared with specific "
    "recommendations for improving the work of the municipal administration.</p>",
}

# Static pages: body is a list of (heading, paragraphs as HTML), as in `data`.
ABOUT = {
    "title": "About the project",
    "slug": "about",
    "summary": f"What the project “{SITE_TITLE}” did and how you can take part.",
    "body": [
        (
            "About this site",
            f"<p>The website of project BG05SFOP001-2.025-0025-C01 “{SITE_TITLE}”: public "
            "consultations, events, good European practices, analytical reports and news.</p>",
        ),
        (
            "Who is behind it",
            f"<p>The beneficiary is the {RCIR_NAME}, with Sliven Municipality as partner. The "
            f"project is funded by {PROGRAMME}, co-financed by the European Union through the European Social Fund.</p>",
        ),
        (
            "How to take part",
            "<p>Send proposals on open consultations, come to the public discussions and follow "
            "what happens to the recommendations in the analytical reports.</p>",
        ),
    ],
}

PRIVACY = {
    "title": "Privacy notice",
    "slug": "privacy",
    "summary": "How this site processes personal data (Article 13 of the General Data Protection Regulation).",
    "body": [
        (
            "Data controller",
            f"<p>The {RCIR_NAME}, in partnership with Sliven Municipality. Contact: info@example.org.</p>",
        ),
        (
            "Data protection officer",
            "<p>You can contact the data protection officer of Sliven Municipality through "
            "the municipality's registry office or at info@example.org.</p>",
        ),
        (
            "What data we collect and why",
            "<p>Only the data you send us yourself: your name and email address when "
            "you register for an event, make a proposal in a public consultation or subscribe. We use them to organise "
            "the event, to respond to your proposal in the report under Art. 26(5) of the Normative Acts Act and to "
            "send you the news you have subscribed to.</p>",
        ),
        (
            "Legal basis",
            "<p>The performance of a task carried out in the public interest (Article 6(1)(e) of "
            "Regulation (EU) 2016/679) for consultations and events; your consent (Article 6(1)(a)) for subscriptions, "
            "which you can withdraw at any time.</p>",
        ),
        (
            "Recipients",
            f"<p>We do not pass the data on to third parties, except to the Managing Authority of "
            f"{PROGRAMME} for checks of the reported activities where the law requires it. We do not transfer data "
            "outside the European Union.</p>",
        ),
        (
            "How long we keep data",
            "<p>Data from event registrations and proposals are kept until the retention "
            "period for the project's documentation expires; the email address for a subscription is kept until you "
            "withdraw your consent.</p>",
        ),
        (
            "Your rights",
            "<p>You have the right of access, rectification, erasure, restriction of processing, data "
            "portability and objection, and the right to withdraw your consent. Write to us at info@example.org.</p>"
            "<p>You have the right to lodge a complaint with the Commission for Personal Data Protection, "
            "2 Prof. Tsvetan Lazarov Blvd, Sofia 1592, www.cpdp.bg.</p>",
        ),
        (
            "Do you have to give us your data?",
            "<p>No. Without an email address we cannot let you know about an event "
            "or reply to you personally, but you can read the site and send proposals anonymously. We take no "
            "automated decisions and do no profiling. The site uses only the cookies it needs to work.</p>",
        ),
    ],
}

# The wording of the EU model accessibility statement (Implementing Decision (EU) 2018/1523).
ACCESSIBILITY = {
    "title": "Accessibility statement",
    "slug": "accessibility",
    "summary": "How accessible this site is for people with disabilities (following the model in Commission "
    "Implementing Decision (EU) 2018/1523).",
    "body": [
        (
            "Commitment",
            f"<p>The {RCIR_NAME} is committed to making this website accessible in accordance with "
            "Directive (EU) 2016/2102 and Article 58c of the Electronic Governance Act. This accessibility statement "
            "applies to this website.</p>",
        ),
        (
            "Compliance status",
            "<p>This website is partially compliant with the harmonised standard EN 301 549 "
            "(WCAG 2.1, level AA) due to the non-compliances listed below.</p>",
        ),
        (
            "Non-accessible content",
            "<p>Some older PDF documents, published before 23 September 2018 or received from "
            "third parties, may not be fully accessible. Videos embedded from external platforms may not have subtitles "
            "in Bulgarian.</p>",
        ),
        (
            "Preparation of this statement",
            "<p>This statement was prepared on 28 November 2026 on the basis of a "
            "self-assessment by the site team, using automated checks and manual testing with a keyboard and a screen "
            "reader.</p>",
        ),
        (
            "Feedback and contact information",
            "<p>If you come across an accessibility problem or would like content "
            "in an accessible format, write to us at info@example.org. We reply within 14 days.</p>",
        ),
        (
            "Enforcement procedure",
            "<p>If you are not satisfied with our reply, you can notify the Ministry of "
            "Electronic Governance, which monitors whether the websites of public sector bodies meet the accessibility "
            "requirements.</p>",
        ),
    ],
}

PRIVACY_NOTICE = (
    f"The controller of your personal data is the {RCIR_NAME}. We use what you send only to improve the services of "
    "Sliven Municipality and to reply to you if you leave your contact details. You can ask for a copy of your data, "
    "or for its deletion, at info@example.org."
)

FEEDBACK = {
    "title": "Citizens' feedback",
    "slug": "feedback",
    "intro": "<p>The innovative feedback mechanism: tell us how the services of Sliven Municipality are working.</p>",
    "privacy_notice": PRIVACY_NOTICE,
}

MONITORING = {
    "title": "Civic monitoring",
    "slug": "civic-monitoring",
    "intro": "<p>Report how Sliven Municipality is delivering its commitments and services.</p>",
    "privacy_notice": PRIVACY_NOTICE,
}

# Form fields --------------------------------------------------------------------------
# The labels, help texts, choices and default values of the fields of every form page
# (feedback, civic monitoring, and the forms on consultation and event pages), one entry
# per Bulgarian string, applied to whichever form has it (`form_field_texts`).
# Add the strings of a new demo form (on a consultation or event page, say) here, under
# a comment naming the form; seed_demo refuses to publish a page whose strings are
# missing and names them. Choices are looked up one by one (one per line, or separated by
# commas, as Wagtail reads them), so a choice shared by several forms is written once.
# Internal names (clean_name) are not texts: they stay the Bulgarian transliteration.
FORM_FIELDS = {
    # Shared by several forms.
    "Имейл": "Email",
    "Прочетох информацията за защита на личните данни": "I have read the information on personal data protection",
    "Коментар за публикуване": "Comment for publication",
    "Име за публикуване": "Name to publish",
    "Оставете празно, за да се покаже „Анонимен“.": "Leave empty to appear as “Anonymous”.",
    # Feedback (data.FEEDBACK).
    "Тема": "Topic",
    "Оценка на услугата": "Your rating of the service",
    "1 е много лошо, 5 е отлично.": "1 is very poor, 5 is excellent.",
    "Съобщение": "Message",
    "Какво работи добре и какво да подобрим?": "What works well, and what should we improve?",
    "Ако искате, публикуваме го след преглед.": "If you wish, we will publish it after review.",
    "Контакт (по желание)": "Contact (optional)",
    "Оставете имейл само ако искате отговор.": "Leave your email address only if you would like a reply.",
    # Civic monitoring (data.MONITORING).
    "Услуга или ангажимент": "Service or commitment",
    "Напр. ремонт на улица, административна услуга.": "E.g. a street repair, an administrative service.",
    "Какво се случи": "What happened",
    "Кога": "When",
    "Доказателство": "Evidence",
    "Само ако искате отговор.": "Only if you would like a reply.",
    # Proposals on the open consultation (data.CONSULTATION_FORM).
    "Текст от проекта (член, алинея)": "Provision of the draft (article, paragraph)",
    "Напр. чл. 5, ал. 2. Оставете празно за общо предложение.": "E.g. Art. 5(2). Leave empty for a general proposal.",
    "Предложение": "Proposal",
    "Какво да се промени и защо.": "What should be changed, and why.",
    "Ако искате, публикуваме го под консултацията след преглед.": "If you wish, we will publish it under the "
    "consultation after review.",
    "Само ако искате да ви уведомим, когато публикуваме справката.": "Only if you would like us to let you know when "
    "we publish the report on the proposals.",
    "Уведомете ме, когато справката бъде публикувана": "Notify me when the report is published",
    "Изпращаме едно писмо на посочения имейл, с връзка към отговора на предложението ви.": "We send one email "
    "to the address you give, with a link to the answer to your proposal.",
    # Registration for the upcoming event (data.UPCOMING_EVENT).
    "Име и фамилия": "Full name",
    "Изпращаме потвърждение и линк за отказ.": "We will send you a confirmation and a link to cancel.",
    "Организация": "Organisation",
    "Читалище, сдружение или институция, ако представлявате такава.": "The community cultural centre, association "
    "or institution you represent, if any.",
    "Нужди от достъпност": "Accessibility needs",
    "Напр. жестов превод, достъп с инвалидна количка.": "E.g. sign language interpreting, wheelchair access.",
}


def _plain(text):
    """A plain-text field as wagtail-localize stores it in a segment (escaped, lines as <br>)."""
    return StringValue.from_plaintext(text).data


def _choices(choices):
    """English choices, one per line, or None while any of them is missing from FORM_FIELDS."""
    lines = choices.strip().splitlines()
    items = [line.strip().rstrip(",").strip() for line in lines] if len(lines) > 1 else choices.split(",")
    english = [FORM_FIELDS.get(item.strip()) for item in items]
    return None if None in english else "\n".join(english)


def form_field_texts(page):
    """FORM_FIELDS for the form fields of `page` (none for a page without a form). A string
    missing from FORM_FIELDS is left out, so `publish_translation` names it."""
    fields = getattr(page.specific, "form_fields", None)
    texts = {}
    for field in fields.all() if fields is not None else ():
        for text in (field.label, field.help_text, field.default_value):
            if text in FORM_FIELDS:
                texts[_plain(text)] = _plain(FORM_FIELDS[text])
        if field.choices and (english := _choices(field.choices)) is not None:
            texts[_plain(field.choices)] = _plain(english)
    return texts


def _child(parent, slug):
    return parent.get_children().get(slug=slug, locale=parent.locale).specific


def content_pages(builder):
    """(page, English texts) for every demo page but the home and project pages, parents first."""
    home = builder.home
    index = {key: _child(home, values["slug"]) for key, values in data.INDEXES.items()}
    venue = _pair(data.VENUE, VENUE)
    events, practices, news = index["events"], index["best_practices"], index["news"]
    return [
        *((index[key], texts) for key, texts in INDEXES.items()),
        (
            _child(index["consultations"], data.OPEN_CONSULTATION["slug"]),
            _pair(data.OPEN_CONSULTATION, OPEN_CONSULTATION)
            | _pair(data.CONSULTATION_FORM, CONSULTATION_FORM)
            | draft_act_pairs(data.OPEN_CONSULTATION_DRAFT, OPEN_CONSULTATION_DRAFT),
        ),
        (
            _child(index["consultations"], data.CONCLUDED_CONSULTATION["slug"]),
            _pair(data.CONCLUDED_CONSULTATION, CONCLUDED_CONSULTATION),
        ),
        *(
            (_child(events, values["slug"]), _pair(values, EVENTS[values["slug"]]) | venue)
            for values in [*data.EVENTS, data.UPCOMING_EVENT]
        ),
        *(
            (_child(practices, values["slug"]), _pair(values, BEST_PRACTICES[values["slug"]]))
            for values in data.BEST_PRACTICES
        ),
        (_child(news, data.REPORT["slug"]), _pair(data.REPORT, REPORT)),
        (_child(news, data.NEWS["slug"]), _pair(data.NEWS, NEWS)),
        (_child(home, data.TRACKER["slug"]), _pair(data.TRACKER, TRACKER)),
        *(
            (_child(home, values["slug"]), _pair(values, english))
            for values, english in (
                (data.ABOUT, ABOUT),
                (data.PRIVACY, PRIVACY),
                (data.ACCESSIBILITY, ACCESSIBILITY),
                (data.FEEDBACK, FEEDBACK),
                (data.MONITORING, MONITORING),
            )
        ),
    ]


def translations(builder):
    """(object, English texts) for every demo object `builder` made, snippets first, then
    pages from the top down; each page's form fields get theirs from FORM_FIELDS."""
    return [
        (builder.organisations["rcir"], ORGANISATIONS["rcir"]),
        (builder.organisations["municipality"], ORGANISATIONS["municipality"]),
        (builder.eu_funding_notice, EU_FUNDING_NOTICE),
        (builder.site_contact, SITE_CONTACT),
        *((topic, TOPICS[slug]) for slug, topic in builder.topics.items()),
        (builder.home, HOME),
        (builder.project, PROJECT),
        *((page, texts | form_field_texts(page)) for page, texts in content_pages(builder)),
        *(
            (recommendation, recommendation_texts(recommendation.number - 1))
            for recommendation in builder.recommendations
            if recommendation.number <= len(RECOMMENDATIONS)
        ),
    ]
