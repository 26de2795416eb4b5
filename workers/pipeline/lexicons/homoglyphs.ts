// Lower-case Cyrillic and Greek letters that render like Latin ones. Hand-picked from
// unhomoglyph's table: that package also folds Latin sequences (m -> rn, 0 -> O, 1 -> l),
// which would mangle "800mg" and "116 123", so we use only the cross-script part.
// Applied after lower-casing, so capitals are covered by their lower-case forms.
export const HOMOGLYPHS: Readonly<Record<string, string>> = {
  // Cyrillic
  а: 'a',
  в: 'b',
  ь: 'b',
  с: 'c',
  ԁ: 'd',
  е: 'e',
  ё: 'e',
  ҽ: 'e',
  є: 'e',
  һ: 'h',
  н: 'h',
  і: 'i',
  ї: 'i',
  ӏ: 'i',
  ј: 'j',
  к: 'k',
  м: 'm',
  п: 'n',
  о: 'o',
  р: 'p',
  ԛ: 'q',
  г: 'r',
  ѕ: 's',
  т: 't',
  у: 'y',
  ү: 'y',
  х: 'x',
  ѡ: 'w',
  ԝ: 'w',
  з: '3',
  л: 'n',
  // Greek
  α: 'a',
  β: 'b',
  ϲ: 'c',
  ε: 'e',
  η: 'n',
  ι: 'i',
  ί: 'i',
  κ: 'k',
  μ: 'u',
  ν: 'v',
  ο: 'o',
  ό: 'o',
  σ: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  γ: 'y',
  ϳ: 'j',
  ζ: 'z',
  ω: 'w',
}

// Leetspeak digits and symbols, folded only inside words that contain letters (see
// normalise.ts) so that numbers keep their meaning for means and contact detection.
export const LEET_DIGITS: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
}

// Symbols are only folded between two letters: "p@ss", "$" inside a word, but never
// the "!" that ends a sentence or the "@" that starts a handle.
export const LEET_SYMBOLS: Readonly<Record<string, string>> = {
  '@': 'a',
  $: 's',
  '!': 'i',
  '|': 'l',
}
