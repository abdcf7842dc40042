# "2 декември 2026 г." as Bulgarian writes a date in full.
DATE_FORMAT = "j F Y г."
DATETIME_FORMAT = "j F Y г., H:i"
