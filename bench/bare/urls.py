from django.urls import path

from bench.bare.views import plain

urlpatterns = [path("bench-control/", plain)]
