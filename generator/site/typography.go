package site

import (
	"hubgen/generator/config"
	"hubgen/generator/typography"
)

// typesetter returns what sets the text of pages' HTML in the conventions
// of their language ([typography] in config.toml), or nil when no
// language has them on.
func typesetter(cfg *config.Config) func(lang, html string) string {
	on := func(r typography.Rules) bool {
		if r.Polish {
			return cfg.Typography.Polish
		}
		return cfg.Typography.English
	}
	if !cfg.Typography.Polish && !cfg.Typography.English {
		return nil
	}
	return func(lang, html string) string {
		if r, ok := typography.For(lang); ok && on(r) {
			return typography.Apply(r, html)
		}
		return html
	}
}
