package admintest

import (
	"crypto/rand"
	"encoding/hex"
	"sync"
	"time"

	"golang.org/x/oauth2"
)

// DefaultTokenLifetime is how long the OAuth access tokens the server
// issues stay valid on its clock, unless IssueOAuthToken says otherwise.
const DefaultTokenLifetime = time.Hour

// tokens are the org:admin OAuth access tokens the server issued, with
// their expiry on the server's clock.
type tokens struct {
	mu     sync.Mutex
	expiry map[string]time.Time
}

// IssueOAuthToken returns a new org:admin OAuth access token that the
// server accepts for lifetime, measured on its clock (see [Server.Advance]),
// as a real authorization server would after `ant auth login --scope
// org:admin`. Tokens look like "sk-ant-oat01-fake-<hex>".
func (s *Server) IssueOAuthToken(lifetime time.Duration) string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	tok := "sk-ant-oat01-fake-" + hex.EncodeToString(b)
	now := s.clock.now()
	s.tokens.mu.Lock()
	defer s.tokens.mu.Unlock()
	if s.tokens.expiry == nil {
		s.tokens.expiry = map[string]time.Time{}
	}
	for t, exp := range s.tokens.expiry { // forget expired tokens
		if !now.Before(exp) {
			delete(s.tokens.expiry, t)
		}
	}
	s.tokens.expiry[tok] = now.Add(lifetime)
	return tok
}

// validToken reports whether tok is an access token the server issued and
// that has not expired.
func (s *Server) validToken(tok string) bool {
	now := s.clock.now()
	s.tokens.mu.Lock()
	defer s.tokens.mu.Unlock()
	exp, ok := s.tokens.expiry[tok]
	return ok && now.Before(exp)
}

// TokenSource returns an [oauth2.TokenSource] that issues a fresh token of
// [DefaultTokenLifetime] on every call, like a refreshing source that never
// lets a token expire; [Server.Client] uses it.
func (s *Server) TokenSource() oauth2.TokenSource { return tokenSource{s} }

// tokenSource is the server's own token source.
type tokenSource struct{ s *Server }

// Token issues a new token.
func (ts tokenSource) Token() (*oauth2.Token, error) {
	return &oauth2.Token{AccessToken: ts.s.IssueOAuthToken(DefaultTokenLifetime), TokenType: "Bearer"}, nil
}
