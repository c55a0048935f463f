from django.apps import AppConfig


class BenchConfig(AppConfig):
    """Benchmark and synthetic-corpus commands (``make bench``): installed in development and
    test settings only, never in production."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "bench"
    verbose_name = "Benchmarks"
