package credential

import (
	"crypto/pbkdf2"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
)

const passwordIterations = 60000

// HashPassword derives a salted PBKDF2-SHA256 digest: "pbkdf2-sha256$iter$salt$hash".
func HashPassword(pw string) string {
	salt := Random(16)
	dk, _ := pbkdf2.Key(sha256.New, pw, []byte(salt), passwordIterations, 32) // only fails for absurd key lengths
	return "pbkdf2-sha256$" + strconv.Itoa(passwordIterations) + "$" + salt + "$" + hex.EncodeToString(dk)
}
