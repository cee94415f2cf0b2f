-- Knowledge base and console live beside the tracker store, each in its own database.
CREATE DATABASE knowledge OWNER rasa;
CREATE DATABASE console OWNER rasa;
