import streamlit as st

st.title("GitHub issues connector")
