"""Privacy services shared by the bot, the channels, the console and retention."""
