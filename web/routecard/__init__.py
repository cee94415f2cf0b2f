"""Personal route card ("overstapkaart"): private link, printable page and PDF."""
