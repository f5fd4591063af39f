"""The public site: Pelican settings helpers, plugins, the content model and the build."""
