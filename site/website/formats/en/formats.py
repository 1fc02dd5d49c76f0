# British order without abbreviations (Django's "en" gives "Nov. 3, 2026"): 3 November 2026.
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
