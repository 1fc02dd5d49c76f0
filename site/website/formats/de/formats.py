# Day, full month name and year, as the site writes dates in every language: 3. November 2026.
DATE_FORMAT = "j. F Y"
DATETIME_FORMAT = "j. F Y, H:i"
