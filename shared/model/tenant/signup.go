package tenant

import (
	"regexp"

	"turnpike/shared/platform/apierr"
)

// SignupInput is what a tenant signup asks for.
type SignupInput struct {
	OrgName, Username, Email, Password, PasswordConfirmation string
	ConfirmationSent                                         bool
}

var emailRE = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)

// Validate checks a signup; 3scale groups tenant signup errors by record
// ("account", "user"), with full messages.
func (in SignupInput) Validate() error {
	var e apierr.Validation
	if in.OrgName == "" {
		e.Add("account", "Org name can't be blank")
	}
	if in.Username == "" {
		e.Add("user", "Username can't be blank")
	} else if len(in.Username) < 3 || len(in.Username) > 40 {
		e.Add("user", "Username is invalid")
	}
	if in.Email == "" || !emailRE.MatchString(in.Email) {
		e.Add("user", "Email should look like an email address")
	}
	if in.ConfirmationSent && in.PasswordConfirmation != in.Password {
		e.Add("user", "Password confirmation doesn't match Password")
	}
	return e.Err()
}
