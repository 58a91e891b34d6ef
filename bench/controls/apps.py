from django.apps import AppConfig


class ControlsConfig(AppConfig):
    name = "bench.controls"
    label = "bench_controls"
    default_auto_field = "django.db.models.BigAutoField"
