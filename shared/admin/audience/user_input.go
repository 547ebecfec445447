package audience

import (
	"regexp"

	"turnpike/shared/admin/api"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/credential"
)

var (
	usernameRE = regexp.MustCompile(`^\w[\w.\-@+]+$`)
	emailRE    = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)
)

// MinPassword is the shortest password accepted (3scale's strong passwords).
const MinPassword = 15

// userInput is what a request says about a user; Has* tell what was sent.
type userInput struct {
	Username, Email, Password, Confirmation string
	HasUsername, HasEmail, HasPassword      bool
}

// readUserInput reads username, email, password and password_confirmation.
func readUserInput(q *api.Request) (*userInput, error) {
	in := &userInput{}
	var hasConfirmation bool
	if err := q.Strs(api.Into("username", &in.Username).Sent(&in.HasUsername), api.Into("email", &in.Email).Sent(&in.HasEmail),
		api.Into("password", &in.Password).Sent(&in.HasPassword),
		api.Into("password_confirmation", &in.Confirmation).Sent(&hasConfirmation)); err != nil {
		return nil, err
	}
	if !hasConfirmation {
		in.Confirmation = in.Password
	}
	return in, nil
}

// rules say which fields a use case requires.
type rules struct{ emailRequired, passwordRequired bool }

// validate checks the fields sent (all of them when creating).
func (in *userInput) validate(v *apierr.Validation, creating bool, r rules) {
	if creating || in.HasUsername {
		validateUsername(v, in.Username)
	}
	if creating || in.HasEmail {
		switch {
		case in.Email == "" && r.emailRequired:
			v.Add("email", "can't be blank")
		case in.Email == "":
		case len(in.Email) < 6:
			v.Add("email", "is too short (minimum is 6 characters)")
		case len(in.Email) > 255 || !emailRE.MatchString(in.Email):
			v.Add("email", "should look like an email address")
		}
	}
	if creating || in.HasPassword {
		switch {
		case in.Password == "" && r.passwordRequired:
			v.Add("password", "can't be blank")
		case in.Password == "":
		case len(in.Password) < MinPassword:
			v.Add("password", "is too short (minimum is 15 characters)")
		case len(in.Password) > 1024:
			v.Add("password", "is too long (maximum is 1024 characters)")
		}
		if in.Password != in.Confirmation {
			v.Add("password_confirmation", "doesn't match Password")
		}
	}
}

func validateUsername(v *apierr.Validation, username string) {
	switch {
	case username == "":
		v.Add("username", "can't be blank")
	case len(username) < 3:
		v.Add("username", "is too short (minimum is 3 characters)")
	case len(username) > 40:
		v.Add("username", "is too long (maximum is 40 characters)")
	case !usernameRE.MatchString(username):
		v.Add("username", "is invalid")
	}
}

// passwordHash is the stored form of a password; none when empty.
func passwordHash(pw string) string {
	if pw == "" {
		return ""
	}
	return credential.HashPassword(pw)
}
