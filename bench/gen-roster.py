#!/usr/bin/env python3
"""Writes a synthetic staff roster: N lines, one school per ~15 people, French names, some
functions, Windows-1252 or UTF-8. Deterministic for a given seed. Usage:
    bench/gen-roster.py 100000 > /tmp/roster.csv"""
import random
import sys

GIVEN = ["Camille", "Léa", "Hugo", "Chloé", "Lucas", "Manon", "Nathan", "Inès", "Louis", "Jade",
         "Gabriel", "Zoé", "Jules", "Lina", "Raphaël", "Eva", "Arthur", "Anaïs", "Noé", "Clémence"]
FAMILY = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
          "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
          "Vincent", "Fournier", "Morel", "Girard", "André", "Lefebvre", "Mercier", "Dupont"]
FUNCTIONS = ["", "", "", "", "", "", "", "", "direction d'école", "CPC", "ERUN"]


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 42)
    out = sys.stdout
    out.write("Nom;Prénom;Courriel;UAI;École;Corps;Fonctions\n")
    for i in range(n):
        school = i // 15
        uai = f"{(800000 + school) % 10_000_000:07d}{'ABCDEFGHJKLMNPRSTUVWXYZ'[school % 23]}"
        family = rng.choice(FAMILY)
        given = rng.choice(GIVEN)
        email = f"{given.lower()}.{family.lower()}{i}@ac-exemple.fr".replace("é", "e").replace("è", "e").replace("ï", "i").replace("ë", "e")
        out.write(f"{family};{given};{email};{uai};École {school};professeur des écoles;{rng.choice(FUNCTIONS)}\n")


if __name__ == "__main__":
    main()
