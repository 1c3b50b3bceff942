"""The app's pages: one thin script each (Streamlit routes them through app.py)."""
