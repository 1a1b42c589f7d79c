"""The shipped Word templates (package data): ordinary .docx files a council can restyle in Word."""
