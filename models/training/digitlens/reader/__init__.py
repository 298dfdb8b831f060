"""The line reader: a small CRNN with CTC that reads a number's crop as a whole (issue 20)."""
