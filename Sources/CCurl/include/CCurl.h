// libcurl for Swift: curl_easy_setopt and friends are variadic, so each
// option type gets a typed one-line wrapper.
#ifndef CCURL_H
#define CCURL_H
#include <curl/curl.h>
#include <stddef.h>

typedef size_t (*ccurl_data_callback)(char *ptr, size_t size, size_t nmemb, void *userdata);

CURLcode ccurl_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode ccurl_setopt_str(CURL *handle, CURLoption option, const char *value);
CURLcode ccurl_setopt_ptr(CURL *handle, CURLoption option, void *value);
CURLcode ccurl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);
CURLcode ccurl_setopt_writefunction(CURL *handle, ccurl_data_callback callback);
CURLcode ccurl_setopt_headerfunction(CURL *handle, ccurl_data_callback callback);
CURLcode ccurl_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode ccurl_getinfo_double(CURL *handle, CURLINFO info, double *value);
int ccurl_leaf_certificate(CURL *handle, char *subject, size_t subject_size, char *expiry, size_t expiry_size);
CURLMcode ccurl_multi_setopt_long(CURLM *multi, CURLMoption option, long value);
/// The CURLMsg union is not importable; this returns the finished easy handle
/// and its result, or NULL when no message is left.
CURL *ccurl_multi_next_done(CURLM *multi, CURLcode *result);
/// A share handle for cookies (and DNS) between easy handles on different
/// threads, with its own pthread locks: the long poll and the service calls
/// then use one session.
typedef struct ccurl_shared ccurl_shared;
ccurl_shared *ccurl_share_new(void);
void ccurl_share_free(ccurl_shared *shared);
CURLcode ccurl_setopt_share(CURL *handle, ccurl_shared *shared);
#endif
