# Day, month name and year without Django's comma before the year: 3 نوفمبر 2026.
# Digits stay Western, as Django writes them.
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y، H:i"
