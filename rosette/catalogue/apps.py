from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "rosette.catalogue"
    label = "catalogue"
    verbose_name = "Catalogue"
