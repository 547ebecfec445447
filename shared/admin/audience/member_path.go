package audience

import (
	"turnpike/shared/admin/api"
)

// memberIDs reads the path's {account_id} and the id of a member of the
// account (a user, an invitation, a subscription).
func memberIDs(q *api.Request, member string) (account, id int64, err error) {
	if account, err = q.ID("account_id"); err != nil {
		return 0, 0, err
	}
	if id, err = q.ID(member); err != nil {
		return 0, 0, err
	}
	return account, id, nil
}
