//! Text folded for matching: lowercase, French accents removed, ligatures spelled out, spaces
//! collapsed — so that "Hélène Lœuillet" is found by "helene loeuillet". The same folding is
//! used for search on SQLite and PostgreSQL, so both backends find the same people.

/// French (and common Latin) accents, one char for one char.
pub fn strip_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        _ => c,
    }
}

/// Lowercase, without accents, ligatures spelled out, runs of spaces, hyphens and
/// apostrophes made one space.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_whitespace() || matches!(c, '-' | '\'' | '’' | '_' | '.') {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        match c {
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            _ => out.push(strip_accent(c)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folds_case_accents_ligatures_and_separators() {
        assert_eq!(fold("  Hélène   LŒUILLET "), "helene loeuillet");
        assert_eq!(fold("Jean-Édouard d’Aubigné"), "jean edouard d aubigne");
        assert_eq!(fold("ÇA"), "ca");
        assert_eq!(fold(""), "");
    }
}
