# "2 dicembre 2026" rather than Django's "02 dicembre 2026".
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
