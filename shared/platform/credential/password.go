package credential

import (
	"crypto/pbkdf2"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"strconv"
	"strings"
)

const passwordIterations = 60000

// HashPassword derives a salted PBKDF2-SHA256 digest: "pbkdf2-sha256$iter$salt$hash".
func HashPassword(pw string) string {
	salt := Random(16)
	dk, _ := pbkdf2.Key(sha256.New, pw, []byte(salt), passwordIterations, 32) // only fails for absurd key lengths
	return "pbkdf2-sha256$" + strconv.Itoa(passwordIterations) + "$" + salt + "$" + hex.EncodeToString(dk)
}

// CheckPassword verifies a password against HashPassword's output.
func CheckPassword(hash, pw string) bool {
	parts := strings.Split(hash, "$")
	if len(parts) != 4 || parts[0] != "pbkdf2-sha256" {
		return false
	}
	iter, err := strconv.Atoi(parts[1])
	if err != nil || iter <= 0 {
		return false
	}
	dk, err := pbkdf2.Key(sha256.New, pw, []byte(parts[2]), iter, 32)
	if err != nil {
		return false
	}
	want, err := hex.DecodeString(parts[3])
	return err == nil && subtle.ConstantTimeCompare(dk, want) == 1
}
