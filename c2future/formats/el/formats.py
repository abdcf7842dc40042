# The month in the genitive after the day ("2 Δεκεμβρίου 2026"), not Django's "02/12/2026".
DATE_FORMAT = "j E Y"
DATETIME_FORMAT = "j E Y, H:i"
