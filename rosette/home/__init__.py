"""The front door: the landing page, each person's home page, the site's statements and the
health check. It sits above the apps whose work it shows (docs/adr/0012-layers.md)."""
