package ops

// Account Management API: developer accounts, users, messages, settings, access tokens.
var accountOps = []Operation{}
