"""What the bridge itself says (B1 Dutch). Everything else comes from the assistant."""

BE_RIGHT_BACK = "Even geduld, ik ben zo terug."
GIVE_UP = (
    "Sorry, het lukt nu niet om je bericht te verwerken. "
    "Probeer het later nog eens."
)
NOT_ACCEPTED = "Sorry, dat bericht kon ik niet verwerken. Kun je het anders zeggen?"
TEXT_ONLY = "Ik kan alleen tekst lezen. Typ je antwoord maar, dan help ik je verder."
EDITED = (
    "Je hebt een bericht aangepast. Ik lees alleen nieuwe berichten. "
    "Stuur je antwoord gerust opnieuw."
)
OLD_BUTTON = "Deze knop werkt niet meer. Typ je antwoord of kies /opnieuw."
UNKNOWN_COMMAND = (
    "Dat commando ken ik niet. Je kunt kiezen uit:\n"
    "/start - beginnen\n"
    "/opnieuw - opnieuw beginnen\n"
    "/adviseur - contact met een adviseur\n"
    "/verwijder - je gegevens wissen"
)
CHOSEN = "Gekozen: {title}"

# Shown in Telegram's command menu (setMyCommands).
COMMAND_MENU = (
    ("start", "Beginnen"),
    ("opnieuw", "Opnieuw beginnen"),
    ("adviseur", "Contact met een adviseur"),
    ("verwijder", "Je gegevens wissen"),
)
