"""Registries through which other apps plug into home without home importing them.

- ``classified_models``: page models that carry communities, themes and tags; community,
  theme, tag and organisation pages list their live instances.
- ``key_figures``: callables returning ``(label, value)`` pairs for the home page figures.
- ``datasets``: open-data exports (``home.opendata.Dataset``) of each app's records.
- ``classification_viewsets``: snippet viewsets of other apps' vocabularies, shown in the
  admin's « Classement » menu beside themes and tags (home.snippet_views).
"""

classified_models = []
key_figures = []
classification_viewsets = []


def register_classified_model(model):
    if model not in classified_models:
        classified_models.append(model)
    return model


def register_classification_viewset(viewset):
    if viewset not in classification_viewsets:
        classification_viewsets.append(viewset)
    return viewset


def register_key_figure(func):
    if func not in key_figures:
        key_figures.append(func)
    return func


# Open-data datasets (home.opendata.Dataset), listed on « Données ouvertes » by position.
datasets = []


def register_dataset(dataset):
    if all(existing.slug != dataset.slug for existing in datasets):
        datasets.append(dataset)
        datasets.sort(key=lambda d: d.position)
    return dataset
