package i18n

import (
	"strconv"
	"time"

	"golang.org/x/text/language"
)

// polishMonthsGenitive holds the Polish month names in the genitive case, used
// after a day number ("10 października 2024"). Index 0 is January.
var polishMonthsGenitive = [12]string{
	"stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca",
	"lipca", "sierpnia", "września", "października", "listopada", "grudnia",
}

// polishMonthsNominative holds the Polish month names in the nominative case,
// used on their own ("październik 2022"). Index 0 is January.
var polishMonthsNominative = [12]string{
	"styczeń", "luty", "marzec", "kwiecień", "maj", "czerwiec",
	"lipiec", "sierpień", "wrzesień", "październik", "listopad", "grudzień",
}

// isPolish reports whether lang is Polish or a regional variant of it.
func isPolish(lang string) bool {
	base, _ := parseTag(lang).Base()
	polish, _ := language.Polish.Base()
	return base == polish
}

// FormatDate writes a date as a reader expects: pl "10 października 2024" (genitive month names, day
// without leading zero), en "10 October 2024". Languages other than Polish use the
// English form. The date is taken in t's own location.
func FormatDate(lang string, t time.Time) string {
	day := strconv.Itoa(t.Day())
	year := strconv.Itoa(t.Year())
	if isPolish(lang) {
		return day + " " + polishMonthsGenitive[t.Month()-1] + " " + year
	}
	return day + " " + t.Month().String() + " " + year
}

// FormatMonth writes month and year: pl "październik 2022" (nominative), en "October 2022".
// Languages other than Polish use the English form.
func FormatMonth(lang string, t time.Time) string {
	year := strconv.Itoa(t.Year())
	if isPolish(lang) {
		return polishMonthsNominative[t.Month()-1] + " " + year
	}
	return t.Month().String() + " " + year
}
