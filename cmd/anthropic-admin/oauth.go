package main

import (
	"golang.org/x/oauth2"
)

// envOAuthToken is the variable holding an org:admin OAuth access token
// (from `ant auth login --scope org:admin` or a workload identity
// federation token exchange), the only credential the federation commands
// accept. The tool sends it as it is: it does not refresh it.
const envOAuthToken = "ANTHROPIC_ADMIN_OAUTH_TOKEN"

// staticTokens returns the token source of an OAuth access token, or nil
// for no token.
func staticTokens(token string) oauth2.TokenSource {
	if token == "" {
		return nil
	}
	return oauth2.StaticTokenSource(&oauth2.Token{AccessToken: token, TokenType: "Bearer"})
}
