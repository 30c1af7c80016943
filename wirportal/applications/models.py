"""Models of the applications app."""
