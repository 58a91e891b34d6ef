"""Writers of the standard formats the suite publishes in (iCalendar, schema.org JSON-LD):
pure functions of plain values, which the models and the output views both use."""
