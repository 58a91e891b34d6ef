"""Our own date and number formats per language (FORMAT_MODULE_PATH), where Django's
differ from how the language is written: see bg/formats.py."""
