"""Regenerates english.tsv and first-names.txt (see README.md beside this file).

Needs: a venv with wordfreq 3.1.1 installed, and the `names` 0.3.0 sdist unpacked
(downloaded from PyPI without dependencies, then `tar xzf names-0.3.0.tar.gz`).
Usage: python make_words.py PATH/TO/names-0.3.0/names
"""
import sys
from wordfreq import top_n_list, zipf_frequency

TOP = 30000


def english():
    rows = []
    for word in top_n_list("en", TOP, wordlist="large"):
        if word.isascii() and word.isalpha():
            rows.append(f"{word}\t{zipf_frequency(word, 'en', wordlist='large'):.2f}")
    with open("english.tsv", "w") as out:
        out.write("\n".join(rows) + "\n")


def first_names(folder):
    names = set()
    for part in ("dist.female.first", "dist.male.first"):
        with open(f"{folder}/{part}") as f:
            for line in f:
                cells = line.split()
                # Cells: name, frequency in percent, cumulative percent, rank.
                if cells and float(cells[1]) >= 0.001:
                    names.add(cells[0].lower())
    with open("first-names.txt", "w") as out:
        out.write("\n".join(sorted(names)) + "\n")


english()
first_names(sys.argv[1])
