from django.urls import path

from forms_ext import views

app_name = "forms_ext"
urlpatterns = [
    path("registrations/cancel/<str:token>/", views.cancel_registration, name="cancel_registration"),
]
