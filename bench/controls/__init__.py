"""Controls for `make bench`: a plain Django view and stock Wagtail pages, measured in
the same run as the site's own pages so results are ratios. Installed only by the
bench settings (sliven_site.settings.bench), never in production."""
