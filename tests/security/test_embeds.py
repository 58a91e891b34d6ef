from django.template.loader import render_to_string
from wagtail.embeds.models import Embed


def test_embedded_videos_need_no_inline_style_under_the_csp():
    embed = Embed(
        url="https://www.youtube.com/watch?v=x",
        html='<iframe src="https://www.youtube-nocookie.com/embed/x"></iframe>',
        width=640,
        height=360,
    )
    html = render_to_string("wagtailembeds/embed_frontend.html", {"embed": embed})
    assert 'class="responsive-object"' in html
    assert "style=" not in html
