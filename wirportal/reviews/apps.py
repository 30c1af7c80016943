from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "wirportal.reviews"
    label = "reviews"
