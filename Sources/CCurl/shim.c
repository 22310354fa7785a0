#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "CCurl.h"

CURLcode ccurl_setopt_long(CURL *handle, CURLoption option, long value) { return curl_easy_setopt(handle, option, value); }
CURLcode ccurl_setopt_str(CURL *handle, CURLoption option, const char *value) { return curl_easy_setopt(handle, option, value); }
CURLcode ccurl_setopt_ptr(CURL *handle, CURLoption option, void *value) { return curl_easy_setopt(handle, option, value); }
CURLcode ccurl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) { return curl_easy_setopt(handle, option, value); }
CURLcode ccurl_setopt_writefunction(CURL *handle, ccurl_data_callback callback) { return curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, callback); }
CURLcode ccurl_setopt_headerfunction(CURL *handle, ccurl_data_callback callback) { return curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, callback); }
CURLcode ccurl_getinfo_long(CURL *handle, CURLINFO info, long *value) { return curl_easy_getinfo(handle, info, value); }
CURLcode ccurl_getinfo_double(CURL *handle, CURLINFO info, double *value) { return curl_easy_getinfo(handle, info, value); }
CURLMcode ccurl_multi_setopt_long(CURLM *multi, CURLMoption option, long value) { return curl_multi_setopt(multi, option, value); }

CURL *ccurl_multi_next_done(CURLM *multi, CURLcode *result) {
    int left = 0;
    CURLMsg *msg;
    while ((msg = curl_multi_info_read(multi, &left)) != NULL) {
        if (msg->msg == CURLMSG_DONE) {
            *result = msg->data.result;
            return msg->easy_handle;
        }
    }
    return NULL;
}

/* A share handle together with the locks it uses. */
struct ccurl_shared {
    CURLSH *share;
    pthread_mutex_t locks[CURL_LOCK_DATA_LAST];
};

static void ccurl_lock(CURL *handle, curl_lock_data data, curl_lock_access access, void *userptr) {
    (void)handle; (void)access;
    pthread_mutex_lock(&((ccurl_shared *)userptr)->locks[data]);
}

static void ccurl_unlock(CURL *handle, curl_lock_data data, void *userptr) {
    (void)handle;
    pthread_mutex_unlock(&((ccurl_shared *)userptr)->locks[data]);
}

ccurl_shared *ccurl_share_new(void) {
    ccurl_shared *shared = calloc(1, sizeof(ccurl_shared));
    if (!shared) return NULL;
    shared->share = curl_share_init();
    if (!shared->share) { free(shared); return NULL; }
    for (int i = 0; i < CURL_LOCK_DATA_LAST; i++) pthread_mutex_init(&shared->locks[i], NULL);
    curl_share_setopt(shared->share, CURLSHOPT_LOCKFUNC, ccurl_lock);
    curl_share_setopt(shared->share, CURLSHOPT_UNLOCKFUNC, ccurl_unlock);
    curl_share_setopt(shared->share, CURLSHOPT_USERDATA, shared);
    curl_share_setopt(shared->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_COOKIE);
    curl_share_setopt(shared->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
    return shared;
}

void ccurl_share_free(ccurl_shared *shared) {
    if (!shared) return;
    curl_share_cleanup(shared->share);
    for (int i = 0; i < CURL_LOCK_DATA_LAST; i++) pthread_mutex_destroy(&shared->locks[i]);
    free(shared);
}

CURLcode ccurl_setopt_share(CURL *handle, ccurl_shared *shared) {
    return curl_easy_setopt(handle, CURLOPT_SHARE, shared ? shared->share : NULL);
}

/* The leaf certificate's subject and expiry, after a transfer made with
   CURLOPT_CERTINFO (for `switchboard doctor`); 0 when there is none. */
int ccurl_leaf_certificate(CURL *handle, char *subject, size_t subject_size, char *expiry, size_t expiry_size) {
    struct curl_certinfo *info = NULL;
    if (curl_easy_getinfo(handle, CURLINFO_CERTINFO, &info) != CURLE_OK || info == NULL || info->num_of_certs < 1) return 0;
    subject[0] = 0;
    expiry[0] = 0;
    for (struct curl_slist *item = info->certinfo[0]; item != NULL; item = item->next) {
        if (strncmp(item->data, "Subject:", 8) == 0) snprintf(subject, subject_size, "%s", item->data + 8);
        else if (strncmp(item->data, "Expire date:", 12) == 0) snprintf(expiry, expiry_size, "%s", item->data + 12);
    }
    return 1;
}
