// Package i18n holds the language-dependent pieces of the generator: folding and
// slugs, CLDR plural categories, human-readable dates, alphabetical collation, and
// the bundle of UI strings loaded from <dir>/<lang>.toml.
//
// Languages are given as BCP 47 tags ("pl", "en", "pl-PL"). Nothing in the package
// keeps mutable global state; values that carry buffers (Collator) say so.
package i18n
