import streamlit as st; st.write("trivial")
