"""The Discord transport: a commands.Bot subclass, one cog per feature, alert delivery."""
