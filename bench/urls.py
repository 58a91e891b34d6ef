from django.urls import path

from bench.controls.views import plain
from sliven_site.urls import urlpatterns as site_urlpatterns

urlpatterns = [path("bench-control/", plain), *site_urlpatterns]
