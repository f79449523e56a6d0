// Package gitdates dates a site's files by their git history: each file
// gets the committer date of the last commit that touched it, read from one
// `git log` for the whole tree (not one process per file).
//
// The rules, which docs/design.md states for editors and CI:
//
//   - History is read along the first parent of each commit (`git log
//     --first-parent -m`): a file changed on a branch and merged gets the
//     merge commit's date, when the change reached the branch being built,
//     not the date of the commit on the merged branch.
//   - The date is the committer date, in the commit's own UTC offset (as
//     `git log` shows it): a commit made at 00:30 in Warsaw is dated that
//     day, not the day before in UTC. The same repository always gives the
//     same dates.
//   - Uncommitted changes do not count: a file edited since its last commit
//     keeps that commit's date, and a file never committed has none.
//   - Renames are not followed: a file moved or renamed is dated by the
//     commit that moved it.
//   - A shallow clone has no dates: its oldest commit would date every file
//     last changed before it. Read returns ErrShallow.
//   - A directory outside a git work tree, a repository without commits and
//     a machine without git give no dates and no error.
package gitdates

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"
)

// ErrShallow is the error of Read in a shallow clone, written for the
// person who runs the build.
var ErrShallow = errors.New("this is a shallow git clone: page dates from git are not used; clone with full history (actions/checkout: fetch-depth: 0)")

// Dates maps files (slash paths relative to the directory given to Read,
// such as "content/news/x.pl.md") to the committer date of the last commit
// that touched them.
type Dates map[string]time.Time

// Read returns the dates of the files under paths (slash paths relative to
// dir, such as "content", taken literally; none means all of dir) from the
// history of the git work tree dir lies in. It runs git twice: `git
// rev-parse` to find the work tree and whether it is shallow, then one `git
// log`. A dir outside a work tree, a repository with no commits yet and a
// missing git binary give nil Dates and a nil error; a shallow clone gives
// ErrShallow (wrapped); any other failure of git an error saying what git
// said. Cancelling ctx stops git.
func Read(ctx context.Context, dir string, paths ...string) (Dates, error) {
	out, err := run(ctx, dir, "rev-parse", "--is-inside-work-tree", "--is-shallow-repository", "--show-prefix")
	if err != nil {
		if errors.Is(err, exec.ErrNotFound) || errors.Is(err, errNotRepo) {
			return nil, nil
		}
		return nil, err
	}
	inside, rest, _ := strings.Cut(string(out), "\n")
	shallow, prefix, _ := strings.Cut(rest, "\n")
	prefix = strings.TrimSuffix(prefix, "\n")
	if inside != "true" {
		return nil, nil // in .git, or a bare repository
	}
	if shallow == "true" {
		return nil, fmt.Errorf("git dates of %s: %w", dir, ErrShallow)
	}
	args := []string{"log", "--first-parent", "-m", "--no-renames", "--no-color", "--name-only", "-z", "--format=%x00%cI", "--"}
	if len(paths) == 0 {
		paths = []string{"."}
	}
	args = append(args, paths...)
	out, err = run(ctx, dir, args...)
	if err != nil {
		if errors.Is(err, errNoCommits) {
			return nil, nil
		}
		return nil, err
	}
	dates, err := parseLog(out, prefix)
	if err != nil {
		return nil, fmt.Errorf("git dates of %s: %w", dir, err)
	}
	return dates, nil
}

// parseLog reads the output of git log -z --name-only --format=%x00%cI,
// newest commit first: for each commit an empty field, the date, then the
// names of the files it touched (paths from the top of the work tree, the
// first after a newline), each ended by a NUL. A file takes the date of the
// first commit that names it. Names outside prefix (the site's directory
// under the top of the work tree, "" or ending in "/") are left out, and
// prefix is cut from the others.
func parseLog(out []byte, prefix string) (Dates, error) {
	dates := Dates{}
	var date time.Time
	header, first := false, false
	for len(out) > 0 {
		i := bytes.IndexByte(out, 0)
		if i < 0 {
			i = len(out)
		}
		field := out[:i]
		out = out[min(i+1, len(out)):]
		switch {
		case len(field) == 0:
			header = true // no file name is empty: a commit starts
		case header:
			d, err := time.Parse(time.RFC3339, string(field))
			if err != nil {
				return nil, fmt.Errorf("unexpected output of git log: %q is not a date", field)
			}
			// Keep the commit's offset, whatever the machine's time zone
			// (time.Parse would name it after the local zone when they
			// agree): the same repository gives the same values anywhere.
			_, offset := d.Zone()
			date = d.In(time.FixedZone("", offset))
			header, first = false, true
		default:
			if date.IsZero() {
				return nil, fmt.Errorf("unexpected output of git log: a file name before the first commit")
			}
			name := string(field)
			if first {
				name = strings.TrimPrefix(name, "\n")
				first = false
			}
			rel, ok := strings.CutPrefix(name, prefix)
			if !ok || rel == "" {
				continue
			}
			if _, seen := dates[rel]; !seen {
				dates[rel] = date
			}
		}
	}
	return dates, nil
}

var (
	// errNotRepo is what run returns when dir is not in a git repository.
	errNotRepo = errors.New("not a git repository")
	// errNoCommits is what run returns when the repository has no commits.
	errNoCommits = errors.New("no commits yet")
)

// run runs git in dir with settings that make its output the same
// whatever the user's configuration: file names as they are (no quoting,
// no paths relative to dir, no rename detection), no signatures, messages
// in English. It returns what git wrote to its standard output, or an
// error with what it wrote to its standard error.
func run(ctx context.Context, dir string, args ...string) ([]byte, error) {
	full := append([]string{"-C", dir, "--literal-pathspecs",
		"-c", "core.quotePath=false",
		"-c", "diff.relative=false",
		"-c", "diff.renames=false",
		"-c", "log.showSignature=false",
	}, args...)
	cmd := exec.CommandContext(ctx, "git", full...)
	cmd.Env = append(os.Environ(), "LC_ALL=C", "GIT_TERMINAL_PROMPT=0", "GIT_OPTIONAL_LOCKS=0")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err == nil {
		return out, nil
	}
	if ctxErr := ctx.Err(); ctxErr != nil {
		return nil, ctxErr
	}
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		return nil, fmt.Errorf("git %s: %w", args[0], err)
	}
	msg := strings.TrimSpace(stderr.String())
	switch {
	case strings.Contains(msg, "not a git repository"):
		return nil, errNotRepo
	case strings.Contains(msg, "does not have any commits yet"):
		return nil, errNoCommits
	}
	if line, _, _ := strings.Cut(msg, "\n"); line != "" {
		msg = strings.TrimPrefix(line, "fatal: ")
	} else {
		msg = exit.Error()
	}
	return nil, fmt.Errorf("git %s in %s: %s", args[0], dir, msg)
}
