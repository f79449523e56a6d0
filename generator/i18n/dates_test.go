package i18n

import (
	"testing"
	"time"
)

func TestFormatDateAndMonth(t *testing.T) {
	warsaw := time.FixedZone("CET", 3600)
	tests := []struct {
		date            time.Time
		plDate, plMonth string
		enDate, enMonth string
	}{
		{time.Date(2024, time.January, 1, 0, 0, 0, 0, time.UTC), "1 stycznia 2024", "styczeń 2024", "1 January 2024", "January 2024"},
		{time.Date(2023, time.February, 28, 0, 0, 0, 0, time.UTC), "28 lutego 2023", "luty 2023", "28 February 2023", "February 2023"},
		{time.Date(2022, time.March, 9, 0, 0, 0, 0, time.UTC), "9 marca 2022", "marzec 2022", "9 March 2022", "March 2022"},
		{time.Date(2021, time.April, 30, 0, 0, 0, 0, time.UTC), "30 kwietnia 2021", "kwiecień 2021", "30 April 2021", "April 2021"},
		{time.Date(2020, time.May, 3, 0, 0, 0, 0, time.UTC), "3 maja 2020", "maj 2020", "3 May 2020", "May 2020"},
		{time.Date(2019, time.June, 15, 0, 0, 0, 0, time.UTC), "15 czerwca 2019", "czerwiec 2019", "15 June 2019", "June 2019"},
		{time.Date(2018, time.July, 22, 0, 0, 0, 0, time.UTC), "22 lipca 2018", "lipiec 2018", "22 July 2018", "July 2018"},
		{time.Date(2017, time.August, 31, 0, 0, 0, 0, time.UTC), "31 sierpnia 2017", "sierpień 2017", "31 August 2017", "August 2017"},
		{time.Date(2016, time.September, 5, 0, 0, 0, 0, time.UTC), "5 września 2016", "wrzesień 2016", "5 September 2016", "September 2016"},
		{time.Date(2024, time.October, 10, 0, 0, 0, 0, time.UTC), "10 października 2024", "październik 2024", "10 October 2024", "October 2024"},
		{time.Date(2015, time.November, 11, 0, 0, 0, 0, time.UTC), "11 listopada 2015", "listopad 2015", "11 November 2015", "November 2015"},
		{time.Date(2014, time.December, 24, 0, 0, 0, 0, time.UTC), "24 grudnia 2014", "grudzień 2014", "24 December 2014", "December 2014"},
		// The date is read in the time's own location: 31 Dec 23:30 UTC is 1 Jan in CET.
		{time.Date(2023, time.December, 31, 23, 30, 0, 0, time.UTC).In(warsaw), "1 stycznia 2024", "styczeń 2024", "1 January 2024", "January 2024"},
	}
	for _, tt := range tests {
		checks := []struct{ fn, lang, got, want string }{
			{"FormatDate", "pl", FormatDate("pl", tt.date), tt.plDate},
			{"FormatDate", "pl-PL", FormatDate("pl-PL", tt.date), tt.plDate},
			{"FormatMonth", "pl", FormatMonth("pl", tt.date), tt.plMonth},
			{"FormatDate", "en", FormatDate("en", tt.date), tt.enDate},
			{"FormatMonth", "en", FormatMonth("en", tt.date), tt.enMonth},
		}
		for _, c := range checks {
			if c.got != c.want {
				t.Errorf("%s(%q, %s) = %q, want %q", c.fn, c.lang, tt.date.Format(time.RFC3339), c.got, c.want)
			}
		}
	}
}
