# One way to write a date on every page, in exports and in e-mails: the ISO order, which
# reads the same to the firm, its clients in China and the platforms (no 12/02 ambiguity).
# Templates use |date (DATE_FORMAT) or |date:"DATETIME_FORMAT", never a format of their own.
DATE_FORMAT = "Y-m-d"
SHORT_DATE_FORMAT = "Y-m-d"
DATETIME_FORMAT = "Y-m-d H:i"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "F j"
